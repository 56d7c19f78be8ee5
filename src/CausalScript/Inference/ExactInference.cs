using System.Numerics;
using CausalScript.Graphs;
using CausalScript.Models;

namespace CausalScript.Inference;

/// <summary>
/// Exact inference on discrete models: each mechanism becomes its conditional table P(X | parents) (a
/// <see cref="Factor{T}"/>), barren variables (those that are not ancestors of the query or the evidence) are pruned,
/// and the rest is summed out by <see cref="VariableElimination"/> with a min-fill order. Interventions need no
/// special case: an intervened model is a model (truncated factorisation, Pearl 2009, eq. 3.10).
/// </summary>
public static class ExactInference
{
    /// <summary>P(query | evidence) in double precision.</summary>
    /// <param name="model">A model whose relevant variables are all finite.</param>
    /// <param name="query">The variables of the result, in the order of its axes.</param>
    /// <param name="evidence">Observed values (may be empty).</param>
    /// <returns>The conditional distribution, normalised.</returns>
    /// <exception cref="ModelException">A relevant variable is continuous.</exception>
    /// <exception cref="CausalScriptException">The evidence has probability zero, or a variable is both queried and observed.</exception>
    public static Factor<double> Query(Scm model, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null) =>
        Run(model, query, evidence, (m, v) => m.Table(v));

    /// <summary>P(query | evidence) in exact rational arithmetic (decimal probabilities are read as written: 0.1 is 1/10).</summary>
    /// <param name="model">A model whose relevant variables are all finite, with rational tables.</param>
    /// <param name="query">The variables of the result.</param>
    /// <param name="evidence">Observed values (may be empty).</param>
    /// <returns>The conditional distribution, normalised.</returns>
    public static Factor<Rational> QueryExact(Scm model, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null) =>
        Run(model, query, evidence, (m, v) => m.ExactTable(v));

    /// <summary>The conditional table of every variable of the model, as factors over (parents…, variable).</summary>
    /// <param name="model">A model whose variables are all finite.</param>
    public static IReadOnlyList<Factor<double>> Factors(Scm model) =>
        model.TopologicalOrder.Select(v => FactorOf(model.MechanismOf(v), v, model.ParentsOf(v), v, (m, x) => m.Table(x))).ToArray();

    internal static Factor<T> FactorOf<T>(Mechanism mechanism, Variable original, IEnumerable<Variable> parentAxes, Variable axis, Func<Mechanism, Variable, T[]> table)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        if (!original.Domain.IsFinite)
            throw new ModelException($"'{original.Name}' is continuous; exact inference needs finite variables. Sample the model instead.", original.Name);
        return Factor<T>.Create(parentAxes.Append(axis), table(mechanism, original));
    }

    private static Factor<T> Run<T>(Scm model, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence, Func<Mechanism, Variable, T[]> table)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(model);
        var keep = query.Select(model.Require).ToArray();
        var observed = (evidence ?? []).Select(a => (Variable: model.Require(a.Variable), a)).Select(x => x.a).ToArray();
        if (keep.Length == 0) throw new ModelException("A query needs at least one variable.");
        foreach (var v in keep.Where(v => !v.Domain.IsFinite))
            throw new ModelException($"'{v.Name}' is continuous; exact queries need finite variables. Sample the model instead.", v.Name);
        foreach (var a in observed.Where(a => !a.Variable.Domain.IsFinite))
            throw new ModelException($"'{a.Variable.Name}' is continuous; exact inference takes evidence on finite variables only.", a.Variable.Name);
        var relevant = model.FullGraph.Ancestors(keep.Concat(observed.Select(a => a.Variable)).Select(v => v.Name));
        var factors = model.TopologicalOrder.Where(v => relevant.Contains(v.Name))
            .Select(v => FactorOf(model.MechanismOf(v), v, model.ParentsOf(v), v, table));
        return VariableElimination.Query(factors, keep, observed);
    }
}
