namespace CausalScript.Graphs;

/// <summary>
/// Latent projection (Verma &amp; Pearl 1990, "Equivalence and synthesis of causal models", UAI; Tian &amp; Pearl 2002,
/// "On the testable implications of causal models with hidden variables", UAI). Spec: graph-algorithms.md §2.
/// </summary>
public sealed partial class Admg
{
    /// <summary>Projects the latent nodes out: the ADMG over the observed nodes with <c>a -> b</c> iff a directed path
    /// from a to b has only latent intermediate nodes, and <c>a &lt;-> b</c> iff a path between them with arrowheads at
    /// both ends has only latent, non-collider intermediate nodes. m-separation among observed nodes and the
    /// identifiability of effects are preserved. Returns this graph when it has no latent nodes.</summary>
    /// <returns>The projection; it shares this graph's node ids, so its sets and this graph's are interchangeable.</returns>
    /// <remarks>O(|O|(n + m)) for the directed part plus the size of the output for the bidirected part.</remarks>
    public Admg ProjectLatents()
    {
        if (!HasLatents) return this;
        if (CachedProjection is { } cached) return cached;
        var n = N;
        var latent = _latent;
        var observed = Bits.Except(_present, latent);

        // Directed edges: forward search from each observed a through latent nodes only (step 1).
        var directed = new List<(int, int)>();
        var seenDirected = new HashSet<(int, int)>();
        var stack = new Stack<int>();
        var seen = Bits.New(n);
        foreach (var a in Bits.Enumerate(observed))
        {
            Array.Clear(seen);
            stack.Push(a);
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                foreach (var c in Core.Children(v))
                {
                    if (!Bits.TrySet(seen, c)) continue;
                    if (Bits.Get(latent, c)) stack.Push(c);
                    else if (c != a && seenDirected.Add((a, c))) directed.Add((a, c));
                }
            }
        }

        // T(u): the observed nodes whose latent-ancestor set S(·) contains u (u itself when u is observed), i.e. the
        // observed nodes reached from u by a directed path through latent nodes only (steps 2–3, read from the latent side).
        var reachCache = new Dictionary<int, int[]>();
        int[] T(int u)
        {
            if (!Bits.Get(latent, u)) return [u];
            if (reachCache.TryGetValue(u, out var r)) return r;
            var result = new List<int>();
            var visited = new HashSet<int> { u };
            var st = new Stack<int>();
            st.Push(u);
            while (st.Count > 0)
            {
                var v = st.Pop();
                foreach (var c in Core.Children(v))
                {
                    if (!visited.Add(c)) continue;
                    if (Bits.Get(latent, c)) st.Push(c);
                    else result.Add(c);
                }
            }
            return reachCache[u] = result.Order().ToArray();
        }

        var bidirected = new List<(int, int)>();
        var seenBidirected = new HashSet<(int, int)>();
        void Add(int a, int b)
        {
            if (a == b) return;
            if (seenBidirected.Add((Math.Min(a, b), Math.Max(a, b)))) bidirected.Add((Math.Min(a, b), Math.Max(a, b)));
        }
        // Original bidirected edges between (sets reached from) their endpoints, in declaration order first.
        foreach (var (p, q) in _bidirected)
            foreach (var a in T(p)) foreach (var b in T(q)) Add(a, b);
        // A common latent source: every pair of observed nodes reached from one latent node.
        foreach (var l in Bits.Enumerate(latent))
        {
            var t = T(l);
            for (var i = 0; i < t.Length; i++) for (var j = i + 1; j < t.Length; j++) Add(t[i], t[j]);
        }

        // Keep declaration order for surviving observed–observed edges, then the induced ones.
        var orderedDirected = _directed.Where(e => seenDirected.Contains(e)).ToList();
        var kept = orderedDirected.ToHashSet();
        orderedDirected.AddRange(directed.Where(e => !kept.Contains(e)));
        var core = GraphCore.Build(n, orderedDirected, bidirected);
        var projection = new Admg(Universe, observed, core, Bits.New(n), Bits.Intersect(_exposures, observed),
            Bits.Intersect(_outcomes, observed), Bits.Intersect(_adjusted, observed), orderedDirected.ToArray(),
            OrderBidirected(bidirected).ToArray()) { ProjectedLatents = latent };
        CachedProjection = projection;
        return projection;
    }

    private IEnumerable<(int, int)> OrderBidirected(List<(int A, int B)> edges)
    {
        var set = edges.ToHashSet();
        var result = new List<(int, int)>();
        foreach (var (a, b) in _bidirected)
            if (set.Remove((Math.Min(a, b), Math.Max(a, b)))) result.Add((a, b));
        result.AddRange(edges.Where(set.Contains));
        return result;
    }
}
