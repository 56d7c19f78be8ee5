using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Expressions;

/// <summary>
/// A discrete model as a source of observational and interventional atoms, exactly: P_x(a | c) is computed on the
/// intervened model <c>model.Do(x)</c> by exact inference (identification-algorithms.md §7, step 2). Use it to
/// evaluate estimands over P_* (ID*, IDC*, experiments) or to check observational estimands against a model.
/// Joint tables are cached per intervention and variable set.
/// </summary>
public sealed class ModelDistribution : IDistributionSource<Rational>
{
    private readonly Scm _model;
    private readonly Dictionary<string, Factor<Rational>> _tables = new(StringComparer.Ordinal);

    /// <summary>Wraps a discrete model.</summary>
    /// <param name="model">A model whose variables are finite and whose tables are exact (rational or decimal).</param>
    public ModelDistribution(Scm model) => _model = model ?? throw new ArgumentNullException(nameof(model));

    /// <summary>The model.</summary>
    public Scm Model => _model;

    /// <inheritdoc/>
    public Variable Variable(string name) => _model[name];

    /// <inheritdoc/>
    public Rational Probability(ProbabilityTerm atom, Func<Symbol, int> valueOf)
    {
        ArgumentNullException.ThrowIfNull(atom);
        ArgumentNullException.ThrowIfNull(valueOf);
        Assignment At(Symbol s)
        {
            var v = Variable(s.Variable);
            return v.Is(v.Domain.ValueAt(valueOf(s)));
        }
        var intervention = atom.Interventions.Select(At).ToArray();
        var numerator = Table(intervention, atom.Outcomes.Concat(atom.Conditions).Select(s => Variable(s.Variable)))[atom.Outcomes.Concat(atom.Conditions).Select(At).ToArray()];
        if (atom.Conditions.IsEmpty) return numerator;
        var denominator = Table(intervention, atom.Conditions.Select(s => Variable(s.Variable)))[atom.Conditions.Select(At).ToArray()];
        return denominator == Rational.Zero ? Rational.Zero : numerator / denominator;
    }

    private Factor<Rational> Table(Assignment[] intervention, IEnumerable<Variable> variables)
    {
        var vars = variables.OrderBy(v => v.Name, StringComparer.Ordinal).ToArray();
        var key = string.Join(",", intervention.OrderBy(a => a.Variable.Name, StringComparer.Ordinal).Select(a => $"{a.Variable.Name}={a.Index}"))
            + "|" + string.Join(",", vars.Select(v => v.Name));
        if (!_tables.TryGetValue(key, out var table))
            _tables[key] = table = (intervention.Length == 0 ? _model : _model.Do(intervention)).QueryExact(vars);
        return table;
    }
}
