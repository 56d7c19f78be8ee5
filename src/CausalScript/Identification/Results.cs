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

/// <summary>One member of a <see cref="Thicket"/>: an available experiment that leaves the roots R alone, and the hedge
/// in G \ Z that makes it useless for P_x(R).</summary>
/// <param name="Experiment">The intervened set Z (empty for the observational distribution).</param>
/// <param name="Hedge">A hedge with F′ = R in the graph without Z, for the treatments X \ Z.</param>
public sealed record ThicketHedge(ImmutableSortedSet<string> Experiment, Hedge Hedge)
{
    /// <summary>"do(X1): Hedge F = …" (or "P(v): …" for the observational distribution).</summary>
    public override string ToString() => $"{Thicket.Show(Experiment)}: {Hedge}";
}

/// <summary>
/// The witness that P_x(y) cannot be computed from a collection 𝕫 of experiments (Lee, Correa &amp; Bareinboim 2019,
/// UAI, "General identifiability with arbitrary surrogate experiments", thickets; restated here, the paper's
/// definition is phrased with C-forests): a set R of nodes, ancestors of Y in G_{X̄} and disjoint from X, that forms
/// one c-component, such that every experiment Z ∈ 𝕫 either intervenes on a node of R (<see cref="Blocked"/>: it says
/// nothing about R's mechanisms) or leaves a hedge for P_{x \ z}(R) in G \ Z whose smaller forest is R itself
/// (<see cref="Hedges"/>). With 𝕫 = {∅} it is one hedge of ID.
/// </summary>
/// <param name="Roots">R.</param>
/// <param name="Hedges">One hedge per experiment that does not meet R, in the order the experiments were given.</param>
/// <param name="Blocked">The experiments that intervene on a node of R.</param>
public sealed record Thicket(ImmutableSortedSet<string> Roots, IReadOnlyList<ThicketHedge> Hedges, IReadOnlyList<ImmutableSortedSet<string>> Blocked)
{
    /// <summary>Checks the thicket against a graph, a query and the experiments: R is not empty, disjoint from X, one
    /// c-component of G[R], and inside An(Y) of G_{X̄}; every experiment that does not meet R has a hedge whose F′ is R,
    /// whose F avoids the experiment and meets X, and which passes <see cref="Hedge.Check"/> in G \ Z for P_{x \ z}(R).</summary>
    /// <param name="graph">The graph (latent nodes projected away).</param>
    /// <param name="outcomes">Y.</param>
    /// <param name="treatments">X.</param>
    /// <param name="experiments">𝕫: the intervened set of each available experiment (an empty set is P(v)).</param>
    /// <returns>Null when the thicket is valid, else the first failed condition.</returns>
    public string? Check(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments, IEnumerable<IEnumerable<string>> experiments)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var x = treatments.ToImmutableHashSet(StringComparer.Ordinal);
        var y = outcomes.ToList();
        if (Roots.IsEmpty) return "R is empty";
        if (!Roots.All(graph.Contains)) return "a node of R is not in the graph";
        if (Roots.Overlaps(x)) return "R meets X";
        if (graph.InducedSubgraph(Roots).Districts().Count != 1) return "G[R] is not a single c-component";
        var an = graph.RemoveIncomingEdges(x).Ancestors(y);
        if (!Roots.All(an.Contains)) return "a node of R is not an ancestor of Y in G_{X̄}";
        foreach (var experiment in experiments)
        {
            var z = experiment.ToImmutableSortedSet(StringComparer.Ordinal);
            if (z.Overlaps(Roots)) continue;
            var entry = Hedges.FirstOrDefault(h => h.Experiment.SetEquals(z));
            if (entry is null) return $"the experiment {Show(z)} does not intervene on R and has no hedge";
            var h = entry.Hedge;
            if (!h.FPrime.SetEquals(Roots)) return $"the hedge for {Show(z)} has F′ ≠ R";
            if (h.F.Overlaps(z)) return $"the hedge for {Show(z)} meets the experiment";
            var problem = h.Check(graph.InducedSubgraph(graph.Nodes.Where(n => !z.Contains(n))), Roots, x.Except(z));
            if (problem is not null) return $"the hedge for {Show(z)}: {problem}";
        }
        return null;
    }

    internal static string Show(IEnumerable<string> experiment) =>
        experiment.Any() ? $"do({string.Join(", ", experiment.Order(StringComparer.Ordinal))})" : "P(v)";

    /// <summary>"Thicket R = {…}; do(X1): Hedge …; do(Y): intervenes on R".</summary>
    public override string ToString() =>
        string.Join("; ", new[] { $"Thicket R = {{{string.Join(", ", Roots)}}}" }
            .Concat(Hedges.Select(h => h.ToString()))
            .Concat(Blocked.Select(z => $"{Show(z)}: intervenes on R")));
}

/// <summary>The outcome of identification: an estimand with its derivation, or a proof that there is none.</summary>
public abstract record IdentificationResult(Derivation Derivation)
{
    /// <summary>The estimand; throws <see cref="NotIdentifiableException"/> (with the hedge) when there is none,
    /// <see cref="NotIdentifiableFromExperimentsException"/> (with the thicket) for a query posed to <see cref="Gid"/>,
    /// <see cref="CounterfactualNotIdentifiableException"/> (with the conflict) for a counterfactual query, and a
    /// <see cref="CausalScriptException"/> for an <see cref="Undefined"/> conditional counterfactual.</summary>
    public Expression OrThrow() => this switch
    {
        Identified i => i.Estimand,
        NotIdentified n => throw new NotIdentifiableException(n.Hedge),
        NotIdentifiedFromExperiments t => throw new NotIdentifiableFromExperimentsException(t.Thicket),
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

/// <summary>The query is not identifiable from the available experiments (<see cref="Gid"/>); the thicket is the witness.</summary>
/// <param name="Thicket">The witness.</param>
/// <param name="Derivation">The run up to the failure.</param>
public sealed record NotIdentifiedFromExperiments(Thicket Thicket, Derivation Derivation) : IdentificationResult(Derivation)
{
    /// <summary>"Not identifiable from the experiments: Thicket …".</summary>
    public override string ToString() => $"Not identifiable from the experiments: {Thicket}";
}

/// <summary>Thrown by <see cref="IdentificationResult.OrThrow"/> for a query that the available experiments cannot answer.</summary>
public sealed class NotIdentifiableFromExperimentsException : CausalScriptException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="thicket">The witness.</param>
    public NotIdentifiableFromExperimentsException(Thicket thicket)
        : base($"The query is not identifiable from the available experiments: {thicket}.") => Thicket = thicket;

    /// <summary>The witness.</summary>
    public Thicket Thicket { get; }
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
