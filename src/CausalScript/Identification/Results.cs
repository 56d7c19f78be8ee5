using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>One step of an identification run: which line of which algorithm fired, on which sub-query.</summary>
/// <param name="Algorithm">"ID", "IDC", …</param>
/// <param name="Line">The pseudocode line (Shpitser &amp; Pearl's numbering).</param>
/// <param name="Depth">The recursion depth.</param>
/// <param name="Outcomes">The sub-query's outcomes y.</param>
/// <param name="Treatments">The sub-query's interventions x.</param>
/// <param name="Note">What happened, e.g. "C(G \ X) = {M}, {Y}".</param>
public sealed record DerivationStep(string Algorithm, int Line, int Depth, ImmutableSortedSet<string> Outcomes, ImmutableSortedSet<string> Treatments, string Note)
{
    /// <summary>"  ID line 4: P_{x}(y) — C(G \ X) = …".</summary>
    public override string ToString() =>
        $"{new string(' ', 2 * Depth)}{Algorithm} line {Line}: P_{{{string.Join(",", Treatments)}}}({string.Join(",", Outcomes)}) — {Note}";
}

/// <summary>The trace of an identification run.</summary>
/// <param name="Steps">The steps in the order they ran.</param>
public sealed record Derivation(IReadOnlyList<DerivationStep> Steps)
{
    /// <summary>The line numbers in order, e.g. [3, 7, 2, 6] for the napkin graph.</summary>
    public IReadOnlyList<int> Lines => Steps.Select(s => s.Line).ToArray();

    /// <summary>One step per line.</summary>
    public override string ToString() => string.Join(Environment.NewLine, Steps);
}

/// <summary>
/// A hedge (Shpitser &amp; Pearl 2006, Def. 5): two R-rooted C-forests F′ ⊂ F with F ∩ X ≠ ∅ and F′ ∩ X = ∅, whose
/// roots R are ancestors of Y in G_{X̄}. Its existence proves that P_x(y) is not identifiable: two models agree on
/// P(v) but not on P_x(r).
/// </summary>
/// <param name="F">The nodes of the larger C-forest.</param>
/// <param name="FPrime">The nodes of the smaller C-forest F′ (F′ ⊂ F).</param>
/// <param name="Roots">The common root set R.</param>
/// <param name="ForestEdges">The directed edges of F's forest (each non-root has one child).</param>
/// <param name="PrimeForestEdges">The directed edges of F′'s forest.</param>
public sealed record Hedge(ImmutableSortedSet<string> F, ImmutableSortedSet<string> FPrime, ImmutableSortedSet<string> Roots,
    IReadOnlyList<Edge> ForestEdges, IReadOnlyList<Edge> PrimeForestEdges)
{
    /// <summary>Checks the hedge's defining conditions against a graph and query (Shpitser &amp; Pearl 2006, Def. 4
    /// and 5): F′ ⊂ F; F meets X and F′ does not; G[F] and G[F′] are single c-components; every node reaches R by a
    /// directed path inside its forest's node set; R ⊆ An(Y) in G_{X̄}.</summary>
    /// <param name="graph">The graph (latent nodes projected away).</param>
    /// <param name="outcomes">Y.</param>
    /// <param name="treatments">X.</param>
    /// <returns>Null when the hedge is valid, else the first failed condition.</returns>
    public string? Check(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments)
    {
        var x = treatments.ToHashSet(StringComparer.Ordinal);
        if (!FPrime.IsSubsetOf(F) || FPrime.Count == F.Count) return "F′ is not a proper subset of F";
        if (!F.Any(x.Contains)) return "F does not meet X";
        if (FPrime.Any(x.Contains)) return "F′ meets X";
        foreach (var (nodes, name) in new[] { (F, "F"), (FPrime, "F′") })
        {
            var sub = graph.InducedSubgraph(nodes);
            if (sub.Districts().Count != 1) return $"G[{name}] is not a single c-component";
            var reach = sub.Ancestors(Roots);
            if (!nodes.All(reach.Contains)) return $"a node of {name} does not reach the roots inside {name}";
            if (!Roots.IsSubsetOf(nodes)) return $"the roots are not in {name}";
        }
        var an = graph.RemoveIncomingEdges(x).Ancestors(outcomes);
        if (!Roots.All(an.Contains)) return "a root is not an ancestor of Y in G_{X̄}";
        return null;
    }

    /// <summary>"Hedge F = {…}, F′ = {…}, R = {…}".</summary>
    public override string ToString() =>
        $"Hedge F = {{{string.Join(", ", F)}}}, F′ = {{{string.Join(", ", FPrime)}}}, R = {{{string.Join(", ", Roots)}}}";
}

/// <summary>The outcome of identification: an estimand with its derivation, or a proof that there is none.</summary>
public abstract record IdentificationResult(Derivation Derivation)
{
    /// <summary>The estimand; throws <see cref="NotIdentifiableException"/> (with the hedge) when there is none.</summary>
    public Expression OrThrow() => this switch
    {
        Identified i => i.Estimand,
        NotIdentified n => throw new NotIdentifiableException(n.Hedge),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>True when an estimand was found.</summary>
    public bool IsIdentified => this is Identified;
}

/// <summary>The query is identifiable: <paramref name="Estimand"/> computes it from the observational distribution.</summary>
/// <param name="Estimand">The estimand.</param>
/// <param name="Derivation">How it was derived.</param>
public sealed record Identified(Expression Estimand, Derivation Derivation) : IdentificationResult(Derivation)
{
    /// <summary>The estimand's text.</summary>
    public override string ToString() => $"Identified: {Estimand}";
}

/// <summary>The query is not identifiable; the hedge is the proof.</summary>
/// <param name="Hedge">The witness.</param>
/// <param name="Derivation">The run up to the failure.</param>
public sealed record NotIdentified(Hedge Hedge, Derivation Derivation) : IdentificationResult(Derivation)
{
    /// <summary>"Not identifiable: Hedge …".</summary>
    public override string ToString() => $"Not identifiable: {Hedge}";
}

/// <summary>Thrown by <see cref="IdentificationResult.OrThrow"/> for a non-identifiable query.</summary>
public sealed class NotIdentifiableException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="hedge">The hedge.</param>
    public NotIdentifiableException(Hedge hedge) : base($"The query is not identifiable from the observational distribution: {hedge}.") => Hedge = hedge;

    /// <summary>The proof.</summary>
    public Hedge Hedge { get; }
}
