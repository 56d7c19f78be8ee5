using System.Numerics;
using CausalScript.Models;

namespace CausalScript.Inference;

/// <summary>
/// Exact inference by variable elimination (Zhang &amp; Poole 1994, "A simple approach to Bayesian network
/// computations"; Koller &amp; Friedman 2009, Alg. 9.1) with the greedy min-fill elimination order (Koller &amp; Friedman
/// 2009, §9.4.3.2): P(query | evidence) ∝ Σ_{other variables} Π factors, evidence entered by reducing the factors.
/// Cost is exponential only in the width of the chosen order, not in the number of variables.
/// </summary>
public static class VariableElimination
{
    /// <summary>The normalised distribution of the query variables given the evidence, from a product of factors
    /// (e.g. the CPTs of a Bayesian network).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="factors">The factors whose product is the (unnormalised) joint distribution.</param>
    /// <param name="query">The variables to keep (not evidence variables).</param>
    /// <param name="evidence">Observed values; may be empty.</param>
    /// <returns>P(query | evidence) with axes in the order given.</returns>
    /// <exception cref="CausalScriptException">A query or evidence variable is in no factor, a query variable is also
    /// evidence, or the evidence has probability zero.</exception>
    public static Factor<T> Query<T>(IEnumerable<Factor<T>> factors, IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var all = factors.ToList();
        var keep = query.ToList();
        var observed = (evidence ?? []).ToList();
        var known = all.SelectMany(f => f.Variables).ToHashSet();
        foreach (var v in keep.Concat(observed.Select(a => a.Variable)))
            if (!known.Contains(v))
                throw new CausalScriptException($"'{v.Name}' is not a variable of the model (it appears in no factor).");
        foreach (var a in observed)
            if (keep.Contains(a.Variable))
                throw new CausalScriptException($"'{a.Variable.Name}' is both queried and observed.");

        var reduced = all.Select(f => f.Reduce(observed)).ToList();
        var eliminate = known.Where(v => !keep.Contains(v) && !observed.Any(a => a.Variable.Equals(v))).ToList();
        foreach (var v in MinFillOrder(reduced.Select(f => f.Variables), eliminate))
        {
            var bucket = reduced.Where(f => f.Variables.Contains(v)).ToList();
            if (bucket.Count == 0) continue;
            reduced.RemoveAll(f => f.Variables.Contains(v));
            var product = bucket.Aggregate((a, b) => a * b);
            reduced.Add(product.SumOut([v]));
        }
        var joint = reduced.Aggregate(Factor<T>.Scalar(T.MultiplicativeIdentity), (a, b) => a * b);
        var total = joint.Total;
        if (total == T.AdditiveIdentity)
            throw new CausalScriptException(
                $"The evidence {string.Join(", ", observed)} has probability zero, so the conditional distribution is undefined.");
        // Put the axes in the requested order.
        var ordered = Factor<T>.Create(keep, Assignments(keep).Select(x => joint[x]));
        return ordered.Normalize();
    }

    /// <summary>Sums every variable not in <paramref name="keep"/> out of the product of the factors, with a min-fill
    /// order, without normalising (a tensor-network contraction; the string-diagram evaluator uses it).</summary>
    /// <param name="factors">The factors.</param>
    /// <param name="keep">The variables of the result (the result's axes are these, in some order).</param>
    internal static Factor<T> Contract<T>(IEnumerable<Factor<T>> factors, IReadOnlyCollection<Variable> keep)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var reduced = factors.ToList();
        var keepSet = keep.ToHashSet();
        var eliminate = reduced.SelectMany(f => f.Variables).Distinct().Where(v => !keepSet.Contains(v)).ToList();
        foreach (var v in MinFillOrder(reduced.Select(f => f.Variables), eliminate))
        {
            var bucket = reduced.Where(f => f.Variables.Contains(v)).ToList();
            if (bucket.Count == 0) continue;
            reduced.RemoveAll(f => f.Variables.Contains(v));
            reduced.Add(bucket.Aggregate((a, b) => a * b).SumOut([v]));
        }
        return reduced.Aggregate(Factor<T>.Scalar(T.MultiplicativeIdentity), (a, b) => a * b);
    }

    private static IEnumerable<Assignment[]> Assignments(List<Variable> vars)
    {
        var counter = new int[vars.Count];
        var total = vars.Aggregate(1, (acc, v) => checked(acc * v.Size));
        for (var i = 0; i < total; i++)
        {
            yield return vars.Select((v, l) => v.Is(v.Domain.ValueAt(counter[l]))).ToArray();
            for (var l = vars.Count - 1; l >= 0; l--)
            {
                if (++counter[l] < vars[l].Size) break;
                counter[l] = 0;
            }
        }
    }

    /// <summary>The greedy min-fill order: repeatedly eliminate the variable whose elimination adds the fewest edges
    /// to the interaction graph (ties: the smaller resulting factor, then the name).</summary>
    /// <param name="scopes">The variable sets of the factors.</param>
    /// <param name="eliminate">The variables to order.</param>
    /// <returns>An elimination order.</returns>
    internal static List<Variable> MinFillOrder(IEnumerable<IReadOnlyList<Variable>> scopes, IEnumerable<Variable> eliminate)
    {
        var neighbours = new Dictionary<Variable, HashSet<Variable>>();
        HashSet<Variable> Of(Variable v) => neighbours.TryGetValue(v, out var s) ? s : neighbours[v] = [];
        foreach (var scope in scopes)
            foreach (var a in scope)
            {
                Of(a);
                foreach (var b in scope) if (!a.Equals(b)) Of(a).Add(b);
            }
        var remaining = eliminate.ToHashSet();
        var order = new List<Variable>();
        while (remaining.Count > 0)
        {
            Variable? best = null;
            (int Fill, long Size) bestCost = (int.MaxValue, long.MaxValue);
            foreach (var v in remaining.OrderBy(v => v.Name, StringComparer.Ordinal))
            {
                var nb = Of(v).ToArray();
                var fill = 0;
                for (var i = 0; i < nb.Length; i++)
                    for (var j = i + 1; j < nb.Length; j++)
                        if (!Of(nb[i]).Contains(nb[j])) fill++;
                var size = nb.Aggregate(1L, (acc, w) => acc * w.Size);
                if ((fill, size).CompareTo(bestCost) < 0) (best, bestCost) = (v, (fill, size));
            }
            var chosen = best!;
            var around = Of(chosen).ToArray();
            foreach (var a in around)
            {
                Of(a).Remove(chosen);
                foreach (var b in around) if (!a.Equals(b)) Of(a).Add(b);
            }
            neighbours.Remove(chosen);
            remaining.Remove(chosen);
            order.Add(chosen);
        }
        return order;
    }
}
