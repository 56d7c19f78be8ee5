using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>
/// gID (Lee, Correa &amp; Bareinboim 2019, UAI, "General identifiability with arbitrary surrogate experiments",
/// Algorithm 1; identification-algorithms.md §6.1): identifies P_x(y) from a collection 𝕫 of available experiments —
/// for each Z ∈ 𝕫 the distribution P_z(V \ Z) for every value z; the empty set stands for the observational P(v).
/// The estimand uses atoms P(· | do(z), ·) of the given experiments only. Lines 2–4 are ID's; line 1 reads the answer
/// off an experiment on exactly X (within the current graph); line 5 tries every experiment whose intervened set
/// within the current graph is part of X with subID — ID's lines 1, 2, 5, 6 and 7 run on that experiment's
/// distribution in G \ Z. As in ID, every subID call carries its current distribution (the experiment's, or one
/// derived at line 7) and builds its factors from it (§0). When no experiment works, the result is a
/// <see cref="Thicket"/>: the c-component R = V \ X of the failing call, with the hedge each usable experiment left.
/// </summary>
/// <remarks>
/// Experimental variables outside the current graph are non-ancestors of it (every graph gID recurses on is ancestral
/// in the original), so their values do not matter; they stay as free symbols of the atom, e.g. P(w | do(x1, x2)) when
/// only W's ancestors are left. The estimands are valid where the experimental distributions are positive; Kivva,
/// Mokhtarian, Etesami &amp; Kiyavash (2022, arXiv:2206.01081) show that the paper's completeness argument uses
/// models that violate positivity, so with positivity assumed a thicket need not rule out every estimand.
/// Cost: gID's recursion is ID's (O(|V|²) calls), and each line-5 call runs subID once per experiment.
/// </remarks>
public static class Gid
{
    /// <summary>Identifies P(y | do(x)) from the available experiments.</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away first).</param>
    /// <param name="outcomes">Y (non-empty).</param>
    /// <param name="treatments">X (may be empty; disjoint from Y).</param>
    /// <param name="experiments">𝕫: the intervened set of each available experiment; an empty set is the
    /// observational distribution. Duplicates are ignored; the experiments are tried in the given order.</param>
    /// <returns><see cref="Identified"/> with an estimand over the experiments' atoms and the derivation, or
    /// <see cref="NotIdentifiedFromExperiments"/> with the thicket.</returns>
    /// <exception cref="UnknownNodeException">A node of the query or of an experiment is not in the graph.</exception>
    /// <exception cref="GraphException">Y is empty, Y and X overlap, or a node of the query or of an experiment is latent.</exception>
    public static IdentificationResult Identify(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments, IEnumerable<IEnumerable<string>> experiments)
    {
        var (g, y, x) = Id.Prepare(graph, outcomes, treatments);
        var run = new Run(g, PrepareExperiments(graph, experiments));
        try
        {
            var e = run.Solve(y, x, g, 0);
            return new Identified(Readable.Disambiguate(e, Id.Symbols(y.Union(x))), new Derivation(run.Steps));
        }
        catch (ThicketFound t)
        {
            return new NotIdentifiedFromExperiments(t.Thicket, new Derivation(run.Steps));
        }
    }

    private static List<ImmutableHashSet<string>> PrepareExperiments(Admg graph, IEnumerable<IEnumerable<string>> experiments)
    {
        ArgumentNullException.ThrowIfNull(experiments);
        var result = new List<ImmutableHashSet<string>>();
        foreach (var experiment in experiments)
        {
            ArgumentNullException.ThrowIfNull(experiment, nameof(experiments));
            var z = experiment.ToImmutableHashSet();
            foreach (var n in z.Order(StringComparer.Ordinal))
            {
                if (!graph.Contains(n)) throw new UnknownNodeException(n, NameSuggestion.Closest(n, graph.Nodes), $"the experiment {Thicket.Show(z)}");
                if (graph.Latent.Contains(n)) throw new GraphException($"'{n}' in the experiment {Thicket.Show(z)} is latent; an experiment intervenes on observed nodes.", [n]);
            }
            if (!result.Any(known => known.SetEquals(z))) result.Add(z);
        }
        return result;
    }

    /// <summary>The current distribution of a subID call (identification-algorithms.md §0, with P_z in place of P).</summary>
    private abstract record Distribution(ImmutableHashSet<string> Variables);

    /// <summary>The experiment on Z marginalised to A (A ∩ Z = ∅); prints as P(A | do(z)), or P(A) when Z = ∅.</summary>
    private sealed record Experimental(ImmutableHashSet<string> Experiment, ImmutableHashSet<string> Variables) : Distribution(Variables);

    /// <summary>An expression that is a distribution over A; its other free symbols are fixed context.</summary>
    private sealed record Derived(Expression Expression, ImmutableHashSet<string> Variables) : Distribution(Variables);

    private sealed class ThicketFound(Thicket thicket) : Exception("thicket")
    {
        public Thicket Thicket { get; } = thicket;
    }

    private sealed class SubIdFailed(Hedge hedge) : Exception("subID FAIL")
    {
        public Hedge Hedge { get; } = hedge;
    }

    /// <summary>One run: the fixed topological order π of the original graph, the experiments and the derivation.</summary>
    private sealed class Run(Admg original, IReadOnlyList<ImmutableHashSet<string>> experiments)
    {
        private readonly Dictionary<string, int> _rank = original.TopologicalOrder.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);

        public List<DerivationStep> Steps { get; } = [];

        private void Note(string algorithm, int line, int depth, ImmutableHashSet<string> y, ImmutableHashSet<string> x, string note) =>
            Steps.Add(new DerivationStep(algorithm, line, depth, y.ToImmutableSortedSet(StringComparer.Ordinal), x.ToImmutableSortedSet(StringComparer.Ordinal), note));

        private static string Show(IEnumerable<string> s) => "{" + string.Join(", ", s.Order(StringComparer.Ordinal)) + "}";

        private static Expression E(Distribution p) => p switch
        {
            Experimental e => Expression.P(Id.Symbols(e.Variables), [], Id.Symbols(e.Experiment)),
            Derived d => d.Expression,
            _ => throw new InvalidOperationException(),
        };

        private static Distribution Marg(Distribution p, ImmutableHashSet<string> b) => p switch
        {
            Experimental e => new Experimental(e.Experiment, b),
            Derived d => new Derived(Expression.Sum(Id.Symbols(d.Variables.Except(b)), d.Expression), b),
            _ => throw new InvalidOperationException(),
        };

        /// <summary>P(a | b) of the current distribution: an atom of the experiment, or a ratio of marginals of a derived one.</summary>
        private static Expression Cond(Distribution p, string a, ImmutableHashSet<string> b) => p switch
        {
            Experimental e => Expression.P([new Symbol(a)], Id.Symbols(b), Id.Symbols(e.Experiment)),
            Derived when b.IsEmpty => E(Marg(p, [a])),
            Derived => Expression.Fraction(E(Marg(p, b.Add(a))), E(Marg(p, b))),
            _ => throw new InvalidOperationException(),
        };

        /// <summary>The predecessors of v in π among the current vertices.</summary>
        private ImmutableHashSet<string> Pre(string v, IEnumerable<string> current) => current.Where(u => _rank[u] < _rank[v]).ToImmutableHashSet();

        private IEnumerable<string> InOrder(IEnumerable<string> s) => s.OrderBy(v => _rank[v]);

        /// <summary>gID(y, x, 𝕫, G) — the lines are those of identification-algorithms.md §6.1.</summary>
        public Expression Solve(ImmutableHashSet<string> y, ImmutableHashSet<string> x, Admg g, int depth)
        {
            var v = g.Nodes.ToImmutableHashSet();
            // Line 1: an experiment intervenes on exactly X within V: Σ_{V \ (X ∪ Y)} P_z(V \ Z) = P_z(y).
            foreach (var z in experiments)
                if (z.Intersect(v).SetEquals(x))
                {
                    var summed = v.Except(x).Except(y);
                    Note("gID", 1, depth, y, x, $"{Thicket.Show(z)} ∩ V = X: " + (summed.IsEmpty ? "read off P_z(y)" : $"Σ over {Show(summed)}"));
                    return E(Marg(new Experimental(z, v.Except(z)), y));
                }
            // Line 2: restrict to the ancestors of Y.
            var an = g.Ancestors(y).ToImmutableHashSet();
            if (an.Count < v.Count)
            {
                Note("gID", 2, depth, y, x, $"V ≠ An(Y): drop {Show(v.Except(an))}");
                return Solve(y, x.Intersect(an), g.InducedSubgraph(an), depth + 1);
            }
            // Line 3: intervene on the nodes that cannot reach Y once X is fixed.
            var w = v.Except(x).Except(g.RemoveIncomingEdges(x).Ancestors(y));
            if (!w.IsEmpty)
            {
                Note("gID", 3, depth, y, x, $"W = {Show(w)} does not reach Y in G_{{X̄}}: add it to X");
                return Solve(y, x.Union(w), g, depth + 1);
            }
            // Line 4: factorise over the c-components of G \ X.
            var components = g.InducedSubgraph(v.Except(x)).Districts().Select(d => d.ToImmutableHashSet()).ToList();
            if (components.Count > 1)
            {
                Note("gID", 4, depth, y, x, $"C(G \\ X) = {string.Join(", ", components.Select(c => Show(c)))}");
                var factors = components
                    .OrderBy(c => c.Min(n => _rank[n]))
                    .Select(s => Solve(s, v.Except(s), g, depth + 1)).ToList();
                return Expression.Sum(Id.Symbols(v.Except(y).Except(x)), Expression.Product(factors));
            }
            // Line 5: C(G \ X) = {S}; try each experiment Z with Z ∩ V ⊆ X: subID(y, x \ z, P_z, G \ (Z ∩ V)).
            var s = components[0];
            var hedges = new List<ThicketHedge>();
            foreach (var z in experiments.Where(z => z.Intersect(v).IsSubsetOf(x)))
            {
                var inside = z.Intersect(v);
                Note("gID", 5, depth, y, x, $"S = {Show(s)}; {Thicket.Show(z)}: subID for P_{Show(x.Except(z))}(y) on P_z in G" + (inside.IsEmpty ? "" : $" \\ {Show(inside)}"));
                try
                {
                    return SubId(y, x.Except(z), new Experimental(z, v.Except(z)), g.InducedSubgraph(v.Except(z)), depth + 1);
                }
                catch (SubIdFailed failed)
                {
                    hedges.Add(new ThicketHedge(z.ToImmutableSortedSet(StringComparer.Ordinal), failed.Hedge));
                }
            }
            // Line 6: FAIL. Every other experiment intervenes on a node of S (Z ∩ V ⊄ X and V = S ∪ X).
            Note("gID", 6, depth, y, x, $"no experiment identifies P_x(y): thicket with R = {Show(s)}");
            var blocked = experiments.Where(z => z.Overlaps(s)).Select(z => z.ToImmutableSortedSet(StringComparer.Ordinal)).ToList();
            throw new ThicketFound(new Thicket(s.ToImmutableSortedSet(StringComparer.Ordinal), hedges, blocked));
        }

        /// <summary>subID(y, x, P, G): ID's lines 1, 2, 5, 6 and 7 on the current distribution P. Lines 3 and 4 never fire:
        /// gID calls it where C(G \ X) = {S} and every node of S reaches Y inside S, and lines 2 and 7 keep S.</summary>
        private Expression SubId(ImmutableHashSet<string> y, ImmutableHashSet<string> x, Distribution p, Admg g, int depth)
        {
            var v = g.Nodes.ToImmutableHashSet();
            // ID line 1: no intervention left — marginalise the current distribution.
            if (x.IsEmpty)
            {
                Note("subID", 1, depth, y, x, $"x = ∅: Σ over {Show(v.Except(y))}");
                return E(Marg(p, y));
            }
            // ID line 2: restrict to the ancestors of Y.
            var an = g.Ancestors(y).ToImmutableHashSet();
            if (an.Count < v.Count)
            {
                Note("subID", 2, depth, y, x, $"V ≠ An(Y): drop {Show(v.Except(an))}");
                return SubId(y, x.Intersect(an), Marg(p, an), g.InducedSubgraph(an), depth + 1);
            }
            var s = g.InducedSubgraph(v.Except(x)).Districts().Single().ToImmutableHashSet();
            var districts = g.Districts().Select(d => d.ToImmutableHashSet()).ToList();
            // ID line 5: G is one c-component and so is G \ X: FAIL with the hedge (F = V, F′ = S).
            if (districts.Count == 1)
            {
                Note("subID", 5, depth, y, x, $"C(G) = {{V}} and C(G \\ X) = {{{Show(s)}}}: FAIL");
                throw new SubIdFailed(Id.Run.ExtractHedge(g, s));
            }
            // ID line 6: S is a c-component of G.
            if (districts.Any(d => d.SetEquals(s)))
            {
                Note("subID", 6, depth, y, x, $"S = {Show(s)} ∈ C(G)");
                var factors = InOrder(s).Select(vi => Cond(p, vi, Pre(vi, v))).ToList();
                return Expression.Sum(Id.Symbols(s.Except(y)), Expression.Product(factors));
            }
            // ID line 7: S lies inside a larger c-component S'; recurse on it with the derived distribution.
            var sPrime = districts.Single(d => s.IsSubsetOf(d));
            Note("subID", 7, depth, y, x, $"S = {Show(s)} ⊂ S' = {Show(sPrime)}");
            var derived = new Derived(Expression.Product(InOrder(sPrime).Select(vi => Cond(p, vi, Pre(vi, v))).ToList()), sPrime);
            return SubId(y, x.Intersect(sPrime), derived, g.InducedSubgraph(sPrime), depth + 1);
        }
    }
}
