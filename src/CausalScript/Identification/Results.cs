using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>One step of an identification run: which line of which algorithm fired, on which sub-query.</summary>
/// <param name="Algorithm">"ID", "IDC", …</param>
/// <param name="Line">The pseudocode line (Shpitser &amp; Pearl's numbering); 0 for a one-step criterion.</param>
/// <param name="Depth">The recursion depth.</param>
/// <param name="Outcomes">The sub-query's outcomes y.</param>
/// <param name="Treatments">The sub-query's interventions x.</param>
/// <param name="Note">What happened, e.g. "C(G \ X) = {M}, {Y}".</param>
public sealed record DerivationStep(string Algorithm, int Line, int Depth, ImmutableSortedSet<string> Outcomes, ImmutableSortedSet<string> Treatments, string Note)
{
    /// <summary>"  ID line 4: P_{x}(y) — C(G \ X) = …" (plain P(…) when there is no intervention, as for the
    /// counterfactual algorithms, whose outcomes are events such as <c>y_{x}</c>).</summary>
    public override string ToString() =>
        $"{new string(' ', 2 * Depth)}{Algorithm}{(Line > 0 ? $" line {Line}" : "")}: P{(Treatments.IsEmpty ? "" : $"_{{{string.Join(",", Treatments)}}}")}({string.Join(",", Outcomes)}) — {Note}";
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
    /// <summary>The estimand; throws <see cref="NotIdentifiableException"/> (with the hedge) when there is none,
    /// <see cref="CounterfactualNotIdentifiableException"/> (with the conflict) for a counterfactual query, and a
    /// <see cref="CausalScriptException"/> for an <see cref="Undefined"/> conditional counterfactual.</summary>
    public Expression OrThrow() => this switch
    {
        Identified i => i.Estimand,
        NotIdentified n => throw new NotIdentifiableException(n.Hedge),
        CounterfactualNotIdentified c => throw new CounterfactualNotIdentifiableException(c.Conflict),
        Undefined => throw new CausalScriptException("The conditional counterfactual is undefined: its conditioning event has probability 0 in every model."),
        _ => throw new InvalidOperationException(),
    };

    /// <summary>For counterfactual queries (<see cref="IdStar"/>, <see cref="IdcStar"/>): the symbols that stand for
    /// the query's value labels in the estimand; null for ID and IDC, whose symbols are the variables' names.</summary>
    public ValueSymbols? Values { get; init; }

    /// <summary>True when an estimand was found.</summary>
    public bool IsIdentified => this is Identified;
}

/// <summary>The query is identifiable: <paramref name="Estimand"/> computes it from the observational distribution.</summary>
/// <param name="Estimand">The estimand.</param>
/// <param name="Derivation">How it was derived.</param>
public sealed record Identified(Expression Estimand, Derivation Derivation) : IdentificationResult(Derivation)
{
    private readonly Expression? _raw;

    /// <summary>The estimand as the algorithm emitted it, before <see cref="Simplifier"/> rewrote it; the same as
    /// <see cref="Estimand"/> for a result that was not simplified.</summary>
    public Expression Raw { get => _raw ?? Estimand; init => _raw = value; }

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

/// <summary>
/// Why a counterfactual query is not identifiable (ID* line 8; Shpitser &amp; Pearl 2008, JMLR, completeness of ID*): a
/// c-component S of a counterfactual graph whose nodes are subscripted by one value of a variable while another value
/// of the same variable is mentioned in S (observed, or in another subscript) — e.g. y_x and x′ in one c-component
/// when X and Y are confounded.
/// </summary>
/// <param name="Query">The events of the ID* call that failed (a factor of the user's query after line-6
/// factorisations), in the paper's notation, e.g. <c>y_{x}</c>, <c>x'</c>.</param>
/// <param name="Component">The c-component S, as copy names of its counterfactual graph.</param>
/// <param name="Variable">The variable with two values.</param>
/// <param name="InterventionValue">The value in sub(S) (a label of the query, or the symbol of a summation index).</param>
/// <param name="OtherValue">The other value, in ev(S).</param>
public sealed record CounterfactualConflict(IReadOnlyList<string> Query, IReadOnlyList<string> Component, string Variable, string InterventionValue, string OtherValue)
{
    /// <summary>"C-component {Y[X=1], X} has X = 1 in a subscript and X = 0 in its events (sub-query y_{x} ∧ x')".</summary>
    public override string ToString() =>
        $"C-component {{{string.Join(", ", Component)}}} has {Variable} = {InterventionValue} in a subscript and {Variable} = {OtherValue} in its events (sub-query {string.Join(" ∧ ", Query)})";
}

/// <summary>The counterfactual query is not identifiable from the interventional distributions P_*; the conflict at
/// ID* line 8 is the witness.</summary>
/// <param name="Conflict">The witness.</param>
/// <param name="Derivation">The run up to the failure.</param>
public sealed record CounterfactualNotIdentified(CounterfactualConflict Conflict, Derivation Derivation) : IdentificationResult(Derivation)
{
    /// <summary>"Not identifiable: …".</summary>
    public override string ToString() => $"Not identifiable: {Conflict}";
}

/// <summary>A conditional counterfactual P(γ | δ) whose conditioning event δ is inconsistent (IDC* line 1): it has
/// probability 0 in every model, so the conditional is undefined.</summary>
/// <param name="Derivation">The run.</param>
public sealed record Undefined(Derivation Derivation) : IdentificationResult(Derivation)
{
    /// <summary>"Undefined: …".</summary>
    public override string ToString() => "Undefined: the conditioning event has probability 0";
}

/// <summary>Thrown by <see cref="IdentificationResult.OrThrow"/> for a non-identifiable counterfactual query.</summary>
public sealed class CounterfactualNotIdentifiableException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="conflict">The witness.</param>
    public CounterfactualNotIdentifiableException(CounterfactualConflict conflict)
        : base($"The counterfactual query is not identifiable from the interventional distributions: {conflict}.") => Conflict = conflict;

    /// <summary>The witness.</summary>
    public CounterfactualConflict Conflict { get; }
}
