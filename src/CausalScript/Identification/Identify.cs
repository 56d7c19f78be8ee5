using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>How <see cref="Identify.Effect(Admg, CausalQuery, IdentifyOptions?)"/> may answer.</summary>
/// <param name="PreferAdjustment">Return the adjustment formula Σ_z P(y | x, z) P(z) when an adjustment set exists.</param>
/// <param name="PreferFrontDoor">Return Pearl's front-door formula when a front-door set exists and adjustment does not.</param>
/// <param name="Simplify">Simplify general ID/IDC estimands (Tikka &amp; Karvanen 2017); the raw one stays in <see cref="Identified.Raw"/>.</param>
public sealed record IdentifyOptions(bool PreferAdjustment = true, bool PreferFrontDoor = true, bool Simplify = true)
{
    /// <summary>The defaults: adjustment, then front door, then the general algorithms.</summary>
    public static IdentifyOptions Default { get; } = new();
}

/// <summary>
/// The one entry point for users: identifies P(y | do(x), z) in a causal ADMG and returns the clearest correct
/// answer — the adjustment formula when a (generalised back-door) adjustment set exists (Shpitser, VanderWeele &amp;
/// Robins 2010), Pearl's front-door formula when a front-door set exists (Pearl 1995), and otherwise the complete
/// ID / IDC algorithms (Shpitser &amp; Pearl 2006) — or, when the query is not identifiable, the hedge that proves it.
/// </summary>
public static class Identify
{
    /// <summary>Identifies a query.</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away).</param>
    /// <param name="query">P(y | do(x), z).</param>
    /// <param name="options">Which forms to prefer.</param>
    /// <returns>The estimand with its derivation, or the hedge.</returns>
    public static IdentificationResult Effect(Admg graph, CausalQuery query, IdentifyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(query);
        options ??= IdentifyOptions.Default;
        var overlap = query.Treatments.Where(query.Conditions.Contains).ToArray();
        if (overlap.Length > 0) throw new GraphException($"{string.Join(", ", overlap.Select(v => $"'{v}'"))} is both a treatment and a condition.", overlap);
        var (g, y, x) = Id.Prepare(graph, query.Outcomes, query.Treatments.Concat(query.Conditions));
        var z = query.Conditions.ToImmutableHashSet();
        x = x.Except(z);
        var ys = y.ToImmutableSortedSet(StringComparer.Ordinal);
        var xs = x.ToImmutableSortedSet(StringComparer.Ordinal);
        if (z.IsEmpty && !x.IsEmpty && options.PreferAdjustment && g.FindMinimalAdjustmentSet(x, y) is { } adjustment)
        {
            var estimand = Expression.Sum(Id.Symbols(adjustment),
                Expression.Product(Expression.P(Id.Symbols(y), Id.Symbols(x.Union(adjustment))), Expression.P(Id.Symbols(adjustment))));
            var step = new DerivationStep("adjustment", 0, 0, ys, xs,
                $"{{{string.Join(", ", adjustment)}}} satisfies the adjustment criterion: P(y | do(x)) = Σ_z P(y | x, z) P(z)");
            return new Identified(estimand, new Derivation([step]));
        }
        if (z.IsEmpty && !x.IsEmpty && options.PreferFrontDoor && g.FindMinimalFrontDoorSet(x, y) is { Count: > 0 } frontDoor)
        {
            var primed = x.ToDictionary(v => new Symbol(v), v => new Symbol(v, 1));
            var inner = Expression.Sum(primed.Values,
                Expression.Product(Expression.P(Id.Symbols(y), primed.Values.Concat(Id.Symbols(frontDoor))), Expression.P(primed.Values)));
            var estimand = Expression.Sum(Id.Symbols(frontDoor), Expression.Product(Expression.P(Id.Symbols(frontDoor), Id.Symbols(x)), inner));
            var step = new DerivationStep("front-door", 0, 0, ys, xs,
                $"{{{string.Join(", ", frontDoor)}}} satisfies the front-door criterion: P(y | do(x)) = Σ_m P(m | x) Σ_x' P(y | x', m) P(x')");
            return new Identified(estimand, new Derivation([step]));
        }
        var result = z.IsEmpty ? Id.Identify(g, y, x) : Idc.Identify(g, y, x, z);
        return options.Simplify ? Simplifier.Simplify(result, g) : result;
    }

    /// <summary>Identifies P(y | do(x)) from a collection of available experiments with gID (Lee, Correa &amp;
    /// Bareinboim 2019): <c>Identify.FromExperiments(g, CausalQuery.P("Y").Do("X1", "X2"), [["X1"], ["X2"]])</c>. An
    /// empty experiment is the observational distribution; without it, nothing observational is assumed available.
    /// The estimand is over atoms P(· | do(z), ·) of the given experiments and is returned as gID derives it (the
    /// simplifier and the adjustment and front-door shortcuts, which need P(v), are not applied).</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away).</param>
    /// <param name="query">P(y | do(x)); conditions are not supported.</param>
    /// <param name="experiments">𝕫: the intervened set of each available experiment.</param>
    /// <returns><see cref="Identified"/>, or <see cref="NotIdentifiedFromExperiments"/> with the thicket.</returns>
    /// <exception cref="CausalScriptException">The query has conditions.</exception>
    /// <exception cref="UnknownNodeException">A node of the query or of an experiment is not in the graph.</exception>
    /// <exception cref="GraphException">Y is empty, Y and X overlap, or a node is latent.</exception>
    public static IdentificationResult FromExperiments(Admg graph, CausalQuery query, IEnumerable<IEnumerable<string>> experiments)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Conditions.Length > 0)
            throw new CausalScriptException($"{query}: identification from experiments (gID) answers P(y | do(x)); conditional queries are not supported.");
        return Gid.Identify(graph, query.Outcomes, query.Treatments, experiments);
    }

    /// <summary>Identifies P(y | do(x)) from available experiments (extension form of <see cref="FromExperiments"/>).</summary>
    /// <param name="graph">The causal ADMG.</param>
    /// <param name="query">P(y | do(x)).</param>
    /// <param name="experiments">𝕫: the intervened set of each available experiment (an empty set is P(v)).</param>
    /// <returns>The estimand or the thicket.</returns>
    public static IdentificationResult IdentifyFromExperiments(this Admg graph, CausalQuery query, IEnumerable<IEnumerable<string>> experiments) =>
        FromExperiments(graph, query, experiments);

    /// <summary>Identifies a query (extension form: <c>graph.Identify(CausalQuery.P("Y").Do("X"))</c>).</summary>
    /// <param name="graph">The causal ADMG.</param>
    /// <param name="query">The query.</param>
    /// <param name="options">Which forms to prefer.</param>
    /// <returns>The estimand or the hedge.</returns>
    public static IdentificationResult IdentifyEffect(this Admg graph, CausalQuery query, IdentifyOptions? options = null) =>
        Effect(graph, query, options);
}
