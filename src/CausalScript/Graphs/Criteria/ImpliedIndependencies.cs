namespace CausalScript.Graphs;

/// <summary>Which list of implied conditional independencies to produce.</summary>
public enum ImpliedIndependenceKind
{
    /// <summary>For every pair of non-adjacent observed nodes, their minimal separators (dagitty's default
    /// "missing.edge" list). For testing a model against data; not a complete basis for ADMGs.</summary>
    MissingEdge,

    /// <summary>A complete basis: the ordered local Markov property (Lauritzen et al. 1990) for DAGs,
    /// v ⊥ pre(v) \ pa(v) | pa(v); for ADMGs Richardson's (2003) ordered local Markov property over ancestral sets.</summary>
    Basis,
}

/// <summary>How many separators to report per non-adjacent pair (for <see cref="ImpliedIndependenceKind.MissingEdge"/>).</summary>
public enum SeparatorPolicy
{
    /// <summary>Every minimal separator of the pair (as dagitty lists them).</summary>
    All,

    /// <summary>One per pair: the smallest, ties broken by the smallest sum of topological ranks (a minimum vertex cut,
    /// polynomial time).</summary>
    OnePerPair,
}

/// <summary>A conditional independence statement X ⊥ Y | Given implied by the graph.</summary>
/// <param name="X">The left side (one node).</param>
/// <param name="Y">The right side (one node for missing-edge lists, possibly several for a basis).</param>
/// <param name="Given">The conditioning set (may be empty).</param>
public sealed record ConditionalIndependence(NodeSet X, NodeSet Y, NodeSet Given)
{
    /// <summary>Renders <c>a ⊥ b | c</c>, with braces around sets of more than one node.</summary>
    public override string ToString()
    {
        static string Side(NodeSet s) => s.Count == 1 ? s.First() : s.ToString();
        return Given.IsEmpty ? $"{Side(X)} ⊥ {Side(Y)}" : $"{Side(X)} ⊥ {Side(Y)} | {string.Join(", ", Given)}";
    }
}

/// <summary>
/// The conditional independencies a causal graph implies, for testing it against data: Lauritzen, Dawid, Larsen &amp;
/// Leimer (1990), "Independence properties of directed Markov fields", Networks 20:491–505; Richardson (2003), "Markov
/// properties for acyclic directed mixed graphs", Scand. J. Statist. 30:145–157; Textor et al. (2016), "Robust causal
/// inference using directed acyclic graphs: the R package 'dagitty'", Int. J. Epidemiol. 45:1887–1894.
/// Spec: graph-algorithms.md §9. Latent nodes are projected out first; non-adjacent pairs without any separator
/// (e.g. the Verma graph's a, d) carry equality constraints, not independencies, and are skipped.
/// </summary>
public static class ImpliedConditionalIndependencies
{
    /// <summary>Lists the implied conditional independencies, lazily.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="kind">Missing-edge list (default) or a complete basis.</param>
    /// <param name="policy">For missing-edge lists: all minimal separators per pair, or one.</param>
    /// <param name="maxResults">Stop after this many statements.</param>
    /// <param name="cancellationToken">Cancels the enumeration.</param>
    /// <returns>The statements: pairs in node order for missing-edge lists; nodes in topological order for a basis.
    /// Cost: one minimal-separator listing per non-adjacent pair; the DAG basis is O(n(n + m)); the ADMG basis
    /// enumerates ancestral sets and can be exponential.</returns>
    public static IEnumerable<ConditionalIndependence> ImpliedIndependencies(this Admg g,
        ImpliedIndependenceKind kind = ImpliedIndependenceKind.MissingEdge, SeparatorPolicy policy = SeparatorPolicy.All,
        int maxResults = int.MaxValue, CancellationToken cancellationToken = default)
    {
        Arguments.CheckMax(maxResults);
        var o = Arguments.Observed(g);
        var statements = kind == ImpliedIndependenceKind.MissingEdge
            ? MissingEdge(o, policy, cancellationToken)
            : o.Core.BidirectedCount == 0 ? DagBasis(o) : AdmgBasis(o, cancellationToken);
        return statements.Take(maxResults);
    }

    private static ulong[] Single(Admg o, int v)
    {
        var b = Bits.New(o.N);
        Bits.Set(b, v);
        return b;
    }

    private static IEnumerable<ConditionalIndependence> MissingEdge(Admg o, SeparatorPolicy policy, CancellationToken ct)
    {
        var rank = new int[o.N];
        var topo = o.TopoIds;
        for (var k = 0; k < topo.Length; k++) rank[topo[k]] = k;
        var nodes = Bits.ToIndices(o.PresentBits);
        foreach (var u in nodes)
        foreach (var v in nodes)
        {
            if (v <= u) continue;
            ct.ThrowIfCancellationRequested();
            if (o.Core.HasDirected(u, v) || o.Core.HasDirected(v, u) || o.Core.HasBidirected(u, v)) continue;
            var (us, vs) = (Single(o, u), Single(o, v));
            var r = Bits.Except(o.PresentBits, us);
            Bits.AndNot(r, vs);
            if (policy == SeparatorPolicy.OnePerPair)
            {
                // Minimum cardinality first, then the smallest sum of topological ranks: weight = big + rank with big
                // larger than any rank sum, found as a minimum vertex cut (polynomial, whatever the number of
                // minimal separators).
                var big = (long)o.N * o.N + 1;
                var best = MinimumSeparator.Find(o, u, v, w => big + rank[w]);
                if (best is not null) yield return new(o.Wrap(us), o.Wrap(vs), o.Wrap(best));
                continue;
            }
            var separators = MinimalSeparatorListing.List(o, us, vs, Bits.New(o.N), r, EdgeCut.None, int.MaxValue, ct);
            foreach (var z in separators) yield return new(o.Wrap(us), o.Wrap(vs), o.Wrap(z));
        }
    }

    /// <summary>Ordered local Markov property: v ⊥ pre(v) \ pa(v) | pa(v) in a deterministic topological order.</summary>
    private static IEnumerable<ConditionalIndependence> DagBasis(Admg o)
    {
        var before = Bits.New(o.N);
        foreach (var v in o.TopoIds)
        {
            var pa = Bits.New(o.N);
            foreach (var p in o.Core.Parents(v)) Bits.Set(pa, p);
            var rest = Bits.Except(before, pa);
            if (!Bits.IsEmpty(rest)) yield return new(o.Wrap(Single(o, v)), o.Wrap(rest), o.Wrap(pa));
            Bits.Set(before, v);
        }
    }

    /// <summary>Richardson's ordered local Markov property: for each v and each ancestral A with v ∈ A ⊆ pre(v) ∪ {v},
    /// v ⊥ A \ (mb(v, A) ∪ {v}) | mb(v, A), where mb(v, A) = (D ∪ pa(D)) \ {v} for the district D of v in G[A];
    /// statements with the same conditioning set are merged by union (m-separation is compositional).</summary>
    private static IEnumerable<ConditionalIndependence> AdmgBasis(Admg o, CancellationToken ct)
    {
        var rank = new int[o.N];
        for (var k = 0; k < o.TopoIds.Length; k++) rank[o.TopoIds[k]] = k;
        var before = Bits.New(o.N);
        foreach (var v in o.TopoIds)
        {
            var vs = Single(o, v);
            var minimal = o.AncestorBits(vs);                   // every ancestral A ∋ v contains An(v)
            var optional = Bits.ToIndices(Bits.Except(before, minimal));
            Array.Sort(optional, (a, b) => rank[a].CompareTo(rank[b]));  // parents before children
            var merged = new Dictionary<string, (ulong[] M, ulong[] R)>();
            var order = new List<string>();
            foreach (var a in AncestralSets(o, minimal, optional, ct))
            {
                var district = o.DistrictBits(a).First(d => Bits.Get(d, v));
                var m = Bits.Copy(district);
                foreach (var d in Bits.Enumerate(district)) foreach (var p in o.Core.Parents(d)) Bits.Set(m, p);
                Bits.Clear(m, v);
                var rest = Bits.Except(a, m);
                Bits.Clear(rest, v);
                var key = string.Join(",", m);
                if (merged.TryGetValue(key, out var entry)) Bits.Or(entry.R, rest);
                else { merged[key] = (m, rest); order.Add(key); }
            }
            foreach (var key in order)
            {
                var (m, rest) = merged[key];
                if (!Bits.IsEmpty(rest)) yield return new(o.Wrap(vs), o.Wrap(rest), o.Wrap(m));
            }
            Bits.Set(before, v);
        }
    }

    /// <summary>All ancestral sets A = minimal ∪ S with S ⊆ optional closed under parents, by include/exclude over the
    /// optional nodes in topological order (a node may be included only if all its parents are in).</summary>
    private static IEnumerable<ulong[]> AncestralSets(Admg o, ulong[] minimal, int[] optional, CancellationToken ct)
    {
        var stack = new Stack<(int K, ulong[] A)>();
        stack.Push((0, minimal));
        while (stack.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var (k, a) = stack.Pop();
            if (k == optional.Length) { yield return a; continue; }
            var c = optional[k];
            stack.Push((k + 1, a));
            var parentsIn = true;
            foreach (var p in o.Core.Parents(c)) if (!Bits.Get(a, p)) { parentsIn = false; break; }
            if (parentsIn)
            {
                var with = Bits.Copy(a);
                Bits.Set(with, c);
                stack.Push((k + 1, with));
            }
        }
    }
}
