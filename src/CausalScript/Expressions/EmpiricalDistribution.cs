using CausalScript.Data;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Expressions;

/// <summary>
/// Discrete data as a source of atoms: the plug-in estimate of P(a | c) is count(a, c) / count(c) on the rows of a
/// <see cref="Dataset"/>. An atom whose conditioning cell never occurs in the data is undefined there; it only does no
/// harm when a zero factor beside it removes it (Σ_z P(y | x, z) P(z) with z unseen). Anything else is a positivity
/// failure in the sample, reported by <see cref="ExpressionEvaluator.Table(Expression, Dataset)"/> with the atom and
/// the cell — never silently counted as 0.
/// </summary>
public sealed class EmpiricalDistribution : IDistributionSource<double>
{
    private readonly Dataset _data;
    private readonly Dictionary<string, Factor<double>> _counts = new(StringComparer.Ordinal);

    /// <summary>Wraps a dataset with finite columns.</summary>
    /// <param name="data">The rows.</param>
    /// <exception cref="DataException">The dataset has no rows.</exception>
    public EmpiricalDistribution(Dataset data)
    {
        _data = data ?? throw new ArgumentNullException(nameof(data));
        if (data.RowCount == 0) throw new DataException("The dataset has no rows, so it has no frequencies.");
    }

    /// <summary>The first atom met at a conditioning cell with no rows, as "P(Y | X, Z) at X = 1, Z = 0"; null when
    /// none was met.</summary>
    public string? FirstUndefined { get; private set; }

    /// <inheritdoc/>
    public Variable Variable(string name) =>
        _data.Contains(name) ? _data[name]
        : throw new DataException($"The estimand mentions '{name}', which is not a column of the data ({string.Join(", ", _data.Variables.Select(v => v.Name))}).", name);

    /// <inheritdoc/>
    public double Probability(ProbabilityTerm atom, Func<Symbol, int> valueOf)
    {
        if (!atom.IsObservational)
            throw new CausalScriptException($"{atom} is interventional; observational data cannot estimate it.");
        var joint = Counts(atom.Outcomes.Concat(atom.Conditions));
        var numerator = joint[atom.Outcomes.Concat(atom.Conditions).Select(s => At(s, valueOf)).ToArray()];
        if (atom.Conditions.IsEmpty) return numerator / _data.RowCount;
        var denominator = Counts(atom.Conditions)[atom.Conditions.Select(s => At(s, valueOf)).ToArray()];
        if (denominator > 0) return numerator / denominator;
        FirstUndefined ??= $"{atom} at {string.Join(", ", atom.Conditions.Select(s => $"{s.Variable} = {At(s, valueOf).Value}"))}";
        return double.NaN;
    }

    private Assignment At(Symbol s, Func<Symbol, int> valueOf)
    {
        var v = Variable(s.Variable);
        return v.Is(v.Domain.ValueAt(valueOf(s)));
    }

    /// <summary>Counts over the symbols' variables (each variable once, in name order), cached per variable set.</summary>
    private Factor<double> Counts(IEnumerable<Symbol> symbols)
    {
        var list = symbols.Select(s => s.Variable).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(Variable).ToArray();
        var key = string.Join("\u0001", list.Select(v => v.Name));
        if (!_counts.TryGetValue(key, out var counts))
        {
            var frequencies = _data.Frequencies(list);
            _counts[key] = counts = Factor<double>.Create(list, frequencies.Values.Select(f => Math.Round(f * _data.RowCount)));
        }
        return counts;
    }
}
