using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>
/// The ID algorithm (Shpitser &amp; Pearl 2006, AAAI, "Identification of joint interventional distributions in
/// recursive semi-Markovian causal models", Fig. 3): sound and complete for P_x(y) in ADMGs. Every recursive call
/// carries the current distribution (observational, or an expression derived at line 7) and lines 1, 6 and 7 build
/// their factors from it — never from the global joint, the mistake that makes other libraries return a wrong
/// estimand on the napkin graph (identification-algorithms.md §1.6). A failure at line 5 returns the hedge.
/// </summary>
public static class Id
{
    /// <summary>Identifies P(y | do(x)) from the observational distribution of the graph's observed nodes.</summary>
    /// <param name="graph">The causal ADMG (latent nodes are projected away first).</param>
    /// <param name="outcomes">Y (non-empty).</param>
    /// <param name="treatments">X (may be empty; disjoint from Y).</param>
    /// <returns>The estimand with its derivation, or the hedge.</returns>
    /// <exception cref="UnknownNodeException">A node is not in the graph.</exception>
    /// <exception cref="GraphException">Y is empty, Y and X overlap, or a node is latent.</exception>
    public static IdentificationResult Identify(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments)
    {
        var (g, y, x) = Prepare(graph, outcomes, treatments);
        var run = new Run(g, "ID");
        try
        {
            var e = run.Solve(y, x, new Obs(g.Nodes.ToImmutableHashSet()), g, 0);
            return new Identified(Readable.Disambiguate(e, Symbols(y.Union(x))), new Derivation(run.Steps));
        }
        catch (HedgeFound h)
        {
            return new NotIdentified(h.Hedge, new Derivation(run.Steps));
        }
    }

    internal static (Admg Graph, ImmutableHashSet<string> Y, ImmutableHashSet<string> X) Prepare(Admg graph, IEnumerable<string> outcomes, IEnumerable<string> treatments)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var ys = outcomes.ToImmutableHashSet();
        var xs = treatments.ToImmutableHashSet();
        foreach (var v in ys.Concat(xs))
        {
            if (!graph.Contains(v)) throw new UnknownNodeException(v, NameSuggestion.Closest(v, graph.Nodes));
            if (graph.Latent.Contains(v)) throw new GraphException($"'{v}' is latent; a causal query is about observed nodes.", [v]);
        }
        if (ys.IsEmpty) throw new GraphException("A causal query needs at least one outcome.");
        var both = ys.Intersect(xs);
        if (!both.IsEmpty) throw new GraphException($"{string.Join(", ", both.Select(v => $"'{v}'"))} is both an outcome and a treatment.", both);
        return (graph.HasLatents ? graph.ProjectLatents() : graph, ys, xs);
    }

    /// <summary>The current distribution of a recursive call: the observational marginal over A, or a derived
    /// expression over A (identification-algorithms.md §0).</summary>
    internal abstract record Distribution(ImmutableHashSet<string> Variables);

    internal sealed record Obs(ImmutableHashSet<string> Variables) : Distribution(Variables);

    internal sealed record Derived(Expression Expression, ImmutableHashSet<string> Variables) : Distribution(Variables);

    internal sealed class HedgeFound(Hedge hedge) : Exception("hedge")
    {
        public Hedge Hedge { get; } = hedge;
    }

    internal static IEnumerable<Symbol> Symbols(IEnumerable<string> names) => names.Select(n => new Symbol(n));

    /// <summary>One run: the fixed topological order π of the original graph and the derivation so far.</summary>
    internal sealed class Run(Admg original, string algorithm)
    {
        private readonly Dictionary<string, int> _rank = original.TopologicalOrder.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i);

        public List<DerivationStep> Steps { get; } = [];

        private void Note(int line, int depth, ImmutableHashSet<string> y, ImmutableHashSet<string> x, string note) =>
            Steps.Add(new DerivationStep(algorithm, line, depth, y.ToImmutableSortedSet(StringComparer.Ordinal), x.ToImmutableSortedSet(StringComparer.Ordinal), note));

        private static string Show(IEnumerable<string> s) => "{" + string.Join(", ", s.Order(StringComparer.Ordinal)) + "}";

        public static Expression E(Distribution p) => p switch
        {
            Obs o => Expression.P(Symbols(o.Variables)),
            Derived d => d.Expression,
            _ => throw new InvalidOperationException(),
        };

        public static Distribution Marg(Distribution p, ImmutableHashSet<string> b) => p switch
        {
            Obs => new Obs(b),
            Derived d => new Derived(Expression.Sum(Symbols(d.Variables.Except(b)), d.Expression), b),
            _ => throw new InvalidOperationException(),
        };

        /// <summary>P(a | b) of the current distribution: an atom while it is observational, else a ratio of its marginals.</summary>
        public static Expression Cond(Distribution p, string a, ImmutableHashSet<string> b) => p switch
        {
            Obs => Expression.P([new Symbol(a)], Symbols(b)),
            Derived when b.IsEmpty => E(Marg(p, [a])),
            Derived => Expression.Fraction(E(Marg(p, b.Add(a))), E(Marg(p, b))),
            _ => throw new InvalidOperationException(),
        };

        /// <summary>The predecessors of v in π among the current vertices.</summary>
        private ImmutableHashSet<string> Pre(string v, IEnumerable<string> current) => current.Where(u => _rank[u] < _rank[v]).ToImmutableHashSet();

        private IEnumerable<string> InOrder(IEnumerable<string> s) => s.OrderBy(v => _rank[v]);

        /// <summary>ID(y, x, P, G) — the lines are the paper's.</summary>
        public Expression Solve(ImmutableHashSet<string> y, ImmutableHashSet<string> x, Distribution p, Admg g, int depth)
        {
            var v = g.Nodes.ToImmutableHashSet();
            // Line 1: no intervention — marginalise the current distribution.
            if (x.IsEmpty)
            {
                Note(1, depth, y, x, $"x = ∅: Σ over {Show(v.Except(y))}");
                return E(Marg(p, y));
            }
            // Line 2: restrict to the ancestors of Y.
            var an = g.Ancestors(y).ToImmutableHashSet();
            if (an.Count < v.Count)
            {
                Note(2, depth, y, x, $"V ≠ An(Y): drop {Show(v.Except(an))}");
                return Solve(y, x.Intersect(an), Marg(p, an), g.InducedSubgraph(an), depth + 1);
            }
            // Line 3: intervene on the nodes that cannot reach Y once X is fixed.
            var w = v.Except(x).Except(g.RemoveIncomingEdges(x).Ancestors(y));
            if (!w.IsEmpty)
            {
                Note(3, depth, y, x, $"W = {Show(w)} does not reach Y in G_{{X̄}}: add it to X");
                return Solve(y, x.Union(w), p, g, depth + 1);
            }
            // Line 4: factorise over the c-components of G \ X.
            var withoutX = g.InducedSubgraph(v.Except(x));
            var components = withoutX.Districts().Select(d => d.ToImmutableHashSet()).ToList();
            if (components.Count > 1)
            {
                Note(4, depth, y, x, $"C(G \\ X) = {string.Join(", ", components.Select(c => Show(c)))}");
                var factors = components
                    .OrderBy(c => c.Min(n => _rank[n]))
                    .Select(s => Solve(s, v.Except(s), p, g, depth + 1)).ToList();
                return Expression.Sum(Symbols(v.Except(y).Except(x)), Expression.Product(factors));
            }
            var sComponent = components[0];
            var districts = g.Districts().Select(d => d.ToImmutableHashSet()).ToList();
            // Line 5: G is one c-component and so is G \ X: a hedge.
            if (districts.Count == 1)
            {
                Note(5, depth, y, x, $"C(G) = {{V}} and C(G \\ X) = {{{Show(sComponent)}}}: hedge");
                throw new HedgeFound(ExtractHedge(g, sComponent));
            }
            // Line 6: S is a c-component of G.
            if (districts.Any(d => d.SetEquals(sComponent)))
            {
                Note(6, depth, y, x, $"S = {Show(sComponent)} ∈ C(G)");
                var factors = InOrder(sComponent).Select(vi => Cond(p, vi, Pre(vi, v))).ToList();
                return Expression.Sum(Symbols(sComponent.Except(y)), Expression.Product(factors));
            }
            // Line 7: S lies inside a larger c-component S'; recurse on it with the derived distribution.
            var sPrime = districts.Single(d => sComponent.IsSubsetOf(d));
            Note(7, depth, y, x, $"S = {Show(sComponent)} ⊂ S' = {Show(sPrime)}");
            var derived = new Derived(Expression.Product(InOrder(sPrime).Select(vi => Cond(p, vi, Pre(vi, v))).ToList()), sPrime);
            return Solve(y, x.Intersect(sPrime), derived, g.InducedSubgraph(sPrime), depth + 1);
        }

        /// <summary>The hedge at line 5 (identification-algorithms.md §1.4): F = V, F′ = S, R = the nodes of S with no
        /// child in G[S]; each forest lets every non-root keep one child edge on a path to R.</summary>
        internal static Hedge ExtractHedge(Admg g, ImmutableHashSet<string> s)
        {
            var f = g.Nodes.ToImmutableHashSet();
            var gs = g.InducedSubgraph(s);
            var roots = s.Where(n => gs.Children([n]).Count == 0).ToImmutableHashSet();
            var primeEdges = Forest(gs, roots, s);
            var edges = primeEdges.Concat(Forest(g, s, f.Except(s))).ToList();
            return new Hedge(f.ToImmutableSortedSet(StringComparer.Ordinal), s.ToImmutableSortedSet(StringComparer.Ordinal),
                roots.ToImmutableSortedSet(StringComparer.Ordinal), edges, primeEdges);
        }

        /// <summary>Backward BFS from <paramref name="reached"/>: every node of <paramref name="toAttach"/> picks one child edge.</summary>
        private static List<Edge> Forest(Admg g, IEnumerable<string> reached, IEnumerable<string> toAttach)
        {
            var done = reached.ToHashSet(StringComparer.Ordinal);
            var pending = toAttach.Where(n => !done.Contains(n)).ToHashSet(StringComparer.Ordinal);
            var queue = new Queue<string>(done.Order(StringComparer.Ordinal));
            var edges = new List<Edge>();
            while (queue.Count > 0)
            {
                var child = queue.Dequeue();
                foreach (var parent in g.Parents([child]).Order(StringComparer.Ordinal))
                    if (pending.Remove(parent))
                    {
                        edges.Add(new Edge(parent, child, EdgeKind.Directed));
                        done.Add(parent);
                        queue.Enqueue(parent);
                    }
            }
            return edges;
        }
    }
}
