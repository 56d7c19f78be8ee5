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
            var e = run.Solve(y, x, run.Observational, 0);
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
    /// expression over A (identification-algorithms.md §0). A is a bitset over the run's node ids.</summary>
    internal abstract record Distribution(ulong[] Variables);

    internal sealed record Obs(ulong[] Variables) : Distribution(Variables);

    internal sealed record Derived(Expression Expression, ulong[] Variables) : Distribution(Variables);

    internal sealed class HedgeFound(Hedge hedge) : Exception("hedge")
    {
        public Hedge Hedge { get; } = hedge;
    }

    internal static IEnumerable<Symbol> Symbols(IEnumerable<string> names) => names.Select(n => new Symbol(n));

    /// <summary>A read-only list of derivation steps recorded as factories and built on first read (once; thread-safe).
    /// Steps must all be added before the list is first read.</summary>
    internal sealed class DeferredSteps : IReadOnlyList<DerivationStep>
    {
        private readonly List<Func<DerivationStep>> _pending = [];
        private DerivationStep[]? _built;

        public void Add(Func<DerivationStep> step)
        {
            if (_built is not null) throw new InvalidOperationException("The derivation has already been read.");
            _pending.Add(step);
        }

        private DerivationStep[] Built => LazyInitializer.EnsureInitialized(ref _built, () => _pending.Select(f => f()).ToArray());

        public DerivationStep this[int index] => Built[index];

        public int Count => _pending.Count;

        public IEnumerator<DerivationStep> GetEnumerator() => ((IEnumerable<DerivationStep>)Built).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }

    /// <summary>One run: the graph, its fixed topological order π and the derivation so far. Every graph of the
    /// recursion is an induced subgraph G[V] of the run's graph (lines 2 and 7 restrict, lines 3 and 4 keep it), so
    /// the recursion carries V, Y and X as bitsets over the graph's node ids and reads the edges of the graph
    /// itself: no subgraph or mutilated graph is built (G_{X̄} at line 3 is a search that does not leave X through
    /// its parents, G \ X at line 4 a district search inside V \ X).</summary>
    internal sealed class Run
    {
        private readonly Admg _g;
        private readonly GraphCore _core;
        private readonly string _algorithm;
        private readonly int[] _topo;
        private readonly int[] _rank;
        private readonly int[] _ordinalRank;
        private readonly int[] _stack;
        private readonly ulong[] _assigned;
        private readonly DeferredSteps _steps = new();

        public Run(Admg original, string algorithm)
        {
            _g = original;
            _core = original.Core;
            _algorithm = algorithm;
            _topo = original.TopoIds;
            _rank = new int[original.N];
            for (var i = 0; i < _topo.Length; i++) _rank[_topo[i]] = i;
            _ordinalRank = original.OrdinalRanks;
            _stack = new int[original.N];
            _assigned = Bits.New(original.N);
        }

        /// <summary>The derivation so far. Each step is recorded as its bitsets and a note to format; the
        /// <see cref="DerivationStep"/>s (name sets and note text) are built when the list is first read.</summary>
        public IReadOnlyList<DerivationStep> Steps => _steps;

        /// <summary>P(v): the observational distribution of every node of the graph.</summary>
        public Distribution Observational => new Obs(_g.PresentBits.ToArray());

        /// <summary>ID(y, x, P, G) on the run's graph (Y, X as names). Two passes over the same recursion: the first
        /// follows the lines on the graph alone, records the derivation and throws <see cref="HedgeFound"/> at line 5;
        /// only when it completes does the second build the estimand. No line's choice depends on the distribution,
        /// so both passes take the same path, and a query that is not identifiable costs no expression at all.</summary>
        public Expression Solve(ImmutableHashSet<string> y, ImmutableHashSet<string> x, Distribution p, int depth)
        {
            var (ys, xs, v) = (_g.ToBits(y), _g.ToBits(x), _g.PresentBits.ToArray());
            _build = false;
            Solve(ys, xs, p, v, depth);
            _build = true;
            return Solve(ys, xs, p, v, depth)!;
        }

        /// <summary>False in the first (structural) pass, true in the second (building) pass.</summary>
        private bool _build;

        private IEnumerable<string> Names(ulong[] s) => Bits.Enumerate(s).Select(_g.Name);

        /// <summary>The names of s in ordinal order (its ids sorted by their precomputed ordinal rank).</summary>
        private string[] OrderedNames(ulong[] s)
        {
            var ids = Bits.ToIndices(s);
            var keys = new int[ids.Length];
            for (var i = 0; i < ids.Length; i++) keys[i] = _ordinalRank[ids[i]];
            Array.Sort(keys, ids);
            var names = new string[ids.Length];
            for (var i = 0; i < ids.Length; i++) names[i] = _g.Name(ids[i]);
            return names;
        }

        private Symbol[] SymbolsOf(ulong[] s) => Array.ConvertAll(OrderedNames(s), n => new Symbol(n));

        private static readonly ImmutableSortedSet<string> NoNames = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

        /// <summary>The names of s as a set ordered by ordinal comparison (as DerivationStep holds them).</summary>
        private ImmutableSortedSet<string> Sorted(ulong[] s) => Bits.IsEmpty(s) ? NoNames : NoNames.Union(OrderedNames(s));

        private void Note(int line, int depth, ulong[] y, ulong[] x, Func<string> note)
        {
            if (!_build) _steps.Add(() => new DerivationStep(_algorithm, line, depth, Sorted(y), Sorted(x), note()));
        }

        private string Show(ulong[] s) => "{" + string.Join(", ", OrderedNames(s)) + "}";

        private Expression Expr(Distribution p) => p switch
        {
            Obs o => Expression.P(SymbolsOf(o.Variables)),
            Derived d => d.Expression,
            _ => throw new InvalidOperationException(),
        };

        private Distribution Marg(Distribution p, ulong[] b) => p switch
        {
            Obs => new Obs(b),
            Derived d => new Derived(Expression.Sum(SymbolsOf(Bits.Except(d.Variables, b)), d.Expression), b),
            _ => throw new InvalidOperationException(),
        };

        /// <summary>P(a | b) of the current distribution: an atom while it is observational, else a ratio of its marginals.</summary>
        private Expression Cond(Distribution p, int a, ulong[] b)
        {
            switch (p)
            {
                case Obs:
                    return Expression.P([new Symbol(_g.Name(a))], SymbolsOf(b));
                case Derived when Bits.IsEmpty(b):
                    var only = Bits.New(_g.N);
                    Bits.Set(only, a);
                    return Expr(Marg(p, only));
                default:
                    var withA = Bits.Copy(b);
                    Bits.Set(withA, a);
                    return Expression.Fraction(Expr(Marg(p, withA)), Expr(Marg(p, b)));
            }
        }

        /// <summary>P(v_i | v_π^(i−1)) for each v_i of S in π order, where v_π^(i−1) are the nodes of V before v_i in π.</summary>
        /// <remarks>While P is observational each factor is the atom P(v_i | v_π^(i−1)); its conditioning set is then
        /// grown one symbol at a time as a persistent sorted set, which the atoms share.</remarks>
        private List<Expression> Factors(Distribution p, ulong[] s, ulong[] v)
        {
            var factors = new List<Expression>();
            if (p is Obs)
            {
                var conditions = ImmutableSortedSet<Symbol>.Empty;
                foreach (var u in _topo)
                {
                    if (!Bits.Get(v, u)) continue;
                    var symbol = new Symbol(_g.Name(u));
                    if (Bits.Get(s, u)) factors.Add(ProbabilityTerm.CreateDistinct(ImmutableSortedSet.Create(symbol), conditions));
                    conditions = conditions.Add(symbol);
                }
                return factors;
            }
            var before = Bits.New(_g.N);
            foreach (var u in _topo)
            {
                if (!Bits.Get(v, u)) continue;
                if (Bits.Get(s, u)) factors.Add(Cond(p, u, Bits.Copy(before)));
                Bits.Set(before, u);
            }
            return factors;
        }

        /// <summary>The smallest rank in π of a node of s.</summary>
        private int MinRank(ulong[] s)
        {
            var r = int.MaxValue;
            foreach (var i in Bits.Enumerate(s)) r = Math.Min(r, _rank[i]);
            return r;
        }

        /// <summary>Ancestors of y in G[v] (y ⊆ v), with the edges into <paramref name="cut"/> removed when it is
        /// given (G[v]_{X̄}: the search does not continue from a node of cut to its parents).</summary>
        private ulong[] Ancestors(ulong[] y, ulong[] v, ulong[]? cut)
        {
            var seen = Bits.Copy(y);
            var top = Bits.ToIndices(y, _stack);
            while (top > 0)
            {
                var u = _stack[--top];
                if (cut is not null && Bits.Get(cut, u)) continue;
                foreach (var w in _core.Parents(u))
                    if (Bits.Get(v, w) && Bits.TrySet(seen, w)) _stack[top++] = w;
            }
            return seen;
        }

        /// <summary>The district of <paramref name="start"/> in G[within].</summary>
        private ulong[] District(int start, ulong[] within)
        {
            var d = Bits.New(_g.N);
            Bits.Set(d, start);
            var top = 0;
            _stack[top++] = start;
            while (top > 0)
            {
                var u = _stack[--top];
                foreach (var s in _core.Spouses(u))
                    if (Bits.Get(within, s) && Bits.TrySet(d, s)) _stack[top++] = s;
            }
            return d;
        }

        /// <summary>The districts of G[within], ordered by their smallest node id (as <see cref="Admg.Districts"/>).</summary>
        private List<ulong[]> Districts(ulong[] within)
        {
            var result = new List<ulong[]>();
            Array.Clear(_assigned);
            for (var i = 0; i < within.Length; i++)
            {
                var free = within[i] & ~_assigned[i];
                while (free != 0)
                {
                    var v = (i << 6) + System.Numerics.BitOperations.TrailingZeroCount(free);
                    var d = District(v, within);
                    Bits.Or(_assigned, d);
                    result.Add(d);
                    free = within[i] & ~_assigned[i];
                }
            }
            return result;
        }

        /// <summary>ID(y, x, P, G[v]) — the lines are the paper's. Null in the structural pass.</summary>
        private Expression? Solve(ulong[] y, ulong[] x, Distribution p, ulong[] v, int depth)
        {
            // Line 1: no intervention — marginalise the current distribution.
            if (Bits.IsEmpty(x))
            {
                Note(1, depth, y, x, () => $"x = ∅: Σ over {Show(Bits.Except(v, y))}");
                return _build ? Expr(Marg(p, y)) : null;
            }
            // Line 2: restrict to the ancestors of Y.
            var an = Ancestors(y, v, null);
            if (Bits.Count(an) < Bits.Count(v))
            {
                Note(2, depth, y, x, () => $"V ≠ An(Y): drop {Show(Bits.Except(v, an))}");
                return Solve(y, Bits.Intersect(x, an), _build ? Marg(p, an) : p, an, depth + 1);
            }
            // Line 3: intervene on the nodes that cannot reach Y once X is fixed.
            var w = Bits.Except(v, x);
            Bits.AndNot(w, Ancestors(y, v, x));
            if (!Bits.IsEmpty(w))
            {
                Note(3, depth, y, x, () => $"W = {Show(w)} does not reach Y in G_{{X̄}}: add it to X");
                return Solve(y, Bits.Union(x, w), p, v, depth + 1);
            }
            // Line 4: factorise over the c-components of G \ X.
            var components = Districts(Bits.Except(v, x));
            if (components.Count > 1)
            {
                Note(4, depth, y, x, () => $"C(G \\ X) = {string.Join(", ", components.Select(Show))}");
                var factors = components
                    .OrderBy(MinRank)
                    .Select(s => Solve(s, Bits.Except(v, s), p, v, depth + 1)).ToList();
                if (!_build) return null;
                var bound = Bits.Except(v, y);
                Bits.AndNot(bound, x);
                return Expression.Sum(SymbolsOf(bound), Expression.Product(factors!));
            }
            var sComponent = components[0];
            // The district of G containing S (S is connected in G \ X ⊆ G): all of V when G is one c-component.
            var sPrime = District(Bits.First(sComponent), v);
            // Line 5: G is one c-component and so is G \ X: a hedge.
            if (sPrime.AsSpan().SequenceEqual(v))
            {
                Note(5, depth, y, x, () => $"C(G) = {{V}} and C(G \\ X) = {{{Show(sComponent)}}}: hedge");
                throw new HedgeFound(ExtractHedge(_g.InducedSubgraph(_g.Wrap(v)), Names(sComponent).ToImmutableHashSet()));
            }
            // Line 6: S is a c-component of G.
            if (sPrime.AsSpan().SequenceEqual(sComponent))
            {
                Note(6, depth, y, x, () => $"S = {Show(sComponent)} ∈ C(G)");
                if (!_build) return null;
                return Expression.Sum(SymbolsOf(Bits.Except(sComponent, y)), Expression.Product(Factors(p, sComponent, v)));
            }
            // Line 7: S lies inside a larger c-component S'; recurse on it with the derived distribution.
            Note(7, depth, y, x, () => $"S = {Show(sComponent)} ⊂ S' = {Show(sPrime)}");
            var derived = _build ? new Derived(Expression.Product(Factors(p, sPrime, v)), sPrime) : p;
            return Solve(y, Bits.Intersect(x, sPrime), derived, sPrime, depth + 1);
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
