namespace CausalScript.Graphs;

/// <summary>
/// A minimum-weight m-separator of two nodes as a minimum vertex cut (Menger's theorem) in the augmented graph of
/// G[An(u, v)], found by max-flow on the node-split network (Edmonds &amp; Karp 1972). Finding minimum d-separators by
/// max-flow: Tian, Paz &amp; Pearl (1998), "Finding minimal d-separators", UCLA technical report R-254; Acid &amp; de
/// Campos (1996), "An algorithm for finding minimum d-separating sets in belief networks", UAI. A separator Z ⊆ A =
/// An(u, v) works in G iff it separates u and v in the augmented graph of G[A] (van der Zander et al. 2019), and every
/// minimal separator lies in A. Polynomial: O(|A| · |E_H|²) in the worst case, independent of how many minimal
/// separators exist.
/// </summary>
internal static class MinimumSeparator
{
    private const long Infinite = long.MaxValue / 4;

    /// <summary>The separator of u and v minimising the sum of <paramref name="weight"/> (all weights positive), or
    /// null when u and v are inseparable (adjacent in the augmented graph).</summary>
    public static ulong[]? Find(Admg g, int u, int v, Func<int, long> weight)
    {
        var us = Bits.New(g.N);
        Bits.Set(us, u);
        var vs = Bits.New(g.N);
        Bits.Set(vs, v);
        var a = Separators.Ancestral(g, us, vs, Bits.New(g.N), EdgeCut.None);
        var ids = Bits.ToIndices(a);
        var local = System.Buffers.ArrayPool<int>.Shared.Rent(g.N);
        int[][] h;
        int lu, lv;
        try
        {
            for (var k = 0; k < ids.Length; k++) local[ids[k]] = k;
            h = MinimalSeparatorListing.Augmented(g, a, ids, local, EdgeCut.None);
            (lu, lv) = (local[u], local[v]);
        }
        finally { System.Buffers.ArrayPool<int>.Shared.Return(local); }
        if (Array.IndexOf(h[lu], lv) >= 0) return null;

        // Node-split network: node j is In(j) = 2j -> Out(j) = 2j + 1 with capacity weight (infinite for u and v);
        // each augmented edge j – k gives Out(j) -> In(k) and Out(k) -> In(j), infinite.
        var network = new FlowNetwork(2 * ids.Length);
        for (var j = 0; j < ids.Length; j++)
        {
            network.Add(2 * j, 2 * j + 1, j == lu || j == lv ? Infinite : weight(ids[j]));
            foreach (var k in h[j]) network.Add(2 * j + 1, 2 * k, Infinite);
        }
        var source = 2 * lu + 1;
        var sink = 2 * lv;
        network.MaxFlow(source, sink);
        // The cut: nodes whose In side is reachable in the residual network and whose Out side is not.
        var reachable = network.Reachable(source);
        var cut = Bits.New(g.N);
        for (var j = 0; j < ids.Length; j++)
            if (reachable[2 * j] && !reachable[2 * j + 1]) Bits.Set(cut, ids[j]);
        return cut;
    }

    /// <summary>A residual network with paired forward/backward edges; Edmonds–Karp (shortest augmenting paths).</summary>
    private sealed class FlowNetwork(int nodes)
    {
        private readonly List<int>[] _out = Enumerable.Range(0, nodes).Select(_ => new List<int>()).ToArray();
        private readonly List<int> _to = [];
        private readonly List<long> _capacity = [];

        public void Add(int from, int to, long capacity)
        {
            _out[from].Add(_to.Count); _to.Add(to); _capacity.Add(capacity);
            _out[to].Add(_to.Count); _to.Add(from); _capacity.Add(0);
        }

        public void MaxFlow(int source, int sink)
        {
            var parentEdge = new int[nodes];
            var queue = new Queue<int>();
            while (true)
            {
                Array.Fill(parentEdge, -1);
                queue.Clear();
                queue.Enqueue(source);
                var found = false;
                while (queue.Count > 0 && !found)
                {
                    var x = queue.Dequeue();
                    foreach (var e in _out[x])
                    {
                        var y = _to[e];
                        if (_capacity[e] <= 0 || y == source || parentEdge[y] >= 0) continue;
                        parentEdge[y] = e;
                        if (y == sink) { found = true; break; }
                        queue.Enqueue(y);
                    }
                }
                if (!found) return;
                var bottleneck = Infinite;
                for (var y = sink; y != source; y = _to[parentEdge[y] ^ 1]) bottleneck = Math.Min(bottleneck, _capacity[parentEdge[y]]);
                for (var y = sink; y != source; y = _to[parentEdge[y] ^ 1])
                {
                    _capacity[parentEdge[y]] -= bottleneck;
                    _capacity[parentEdge[y] ^ 1] += bottleneck;
                }
            }
        }

        public bool[] Reachable(int source)
        {
            var seen = new bool[nodes];
            var stack = new Stack<int>();
            seen[source] = true;
            stack.Push(source);
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                foreach (var e in _out[x])
                    if (_capacity[e] > 0 && !seen[_to[e]]) { seen[_to[e]] = true; stack.Push(_to[e]); }
            }
            return seen;
        }
    }
}
