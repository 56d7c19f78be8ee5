namespace CausalScript.Graphs;

/// <summary>
/// ListMinSep: all I-minimal m-separators of X and Y within [I, R] with polynomial delay, by Takata's backtracking
/// (Takata 2010, "Space-optimal, backtracking algorithms to list the minimal vertex separators of a graph", Discrete
/// Appl. Math. 158:1660–1667) on the augmented graph of G[An(X ∪ Y ∪ I)], as in van der Zander, Liśkiewicz &amp;
/// Textor (2019), Artificial Intelligence 270. Spec and step numbers: graph-algorithms.md §1 (ListMinSep).
/// </summary>
internal static class MinimalSeparatorListing
{
    public static IEnumerable<ulong[]> List(Admg g, ulong[] x, ulong[] y, ulong[] i, ulong[] r, EdgeCut cut,
        int maxResults, CancellationToken cancellationToken)
    {
        if (maxResults == 0 || Bits.Intersects(x, y) || !Bits.IsSubset(i, r)) return [];
        var a = Separators.Ancestral(g, x, y, i, cut);
        // The search runs on A = An(X ∪ Y ∪ I) renumbered 0..|A|−1, so its sets are |A| bits, not n.
        var ids = Bits.ToIndices(a);
        var local = System.Buffers.ArrayPool<int>.Shared.Rent(g.N);
        try
        {
            for (var k = 0; k < ids.Length; k++) local[ids[k]] = k;
            ulong[] ToLocal(ulong[] bits)
            {
                var result = Bits.New(ids.Length);
                foreach (var v in Bits.Enumerate(bits)) if (Bits.Get(a, v)) Bits.Set(result, local[v]);
                return result;
            }
            var h = Augmented(g, a, ids, local, cut);                  // step 1
            var passable = Bits.Except(a, r);                          // step 2: P = A \ (R ∪ X ∪ Y)
            Bits.AndNot(passable, x);
            Bits.AndNot(passable, y);
            var search = new Search(h, ids.Length, ToLocal(i), ToLocal(passable), ToLocal(x), ToLocal(y));
            return search.Run(maxResults, cancellationToken).Select(z =>
            {
                var global = Bits.New(g.N);
                foreach (var k in Bits.Enumerate(z)) Bits.Set(global, ids[k]);
                return global;
            });
        }
        finally { System.Buffers.ArrayPool<int>.Shared.Return(local); }
    }

    /// <summary>The augmented (moral) graph of G[A] in local ids (<paramref name="local"/>[v] for v ∈ A): u – v for
    /// every edge of G[A] (minus cut edges), and all pairs of D ∪ pa(D) for each district D of G[A]. Districts are
    /// taken inside G[A], never in G.</summary>
    internal static int[][] Augmented(Admg g, ulong[] a, int[] ids, int[] local, EdgeCut cut)
    {
        var core = g.Core;
        var k = ids.Length;
        var adj = new HashSet<int>[k];
        for (var j = 0; j < k; j++) adj[j] = [];
        void Link(int u, int v) { if (u != v) { adj[u].Add(v); adj[v].Add(u); } }
        bool Kept(int from, int to) => Bits.Get(a, from) && Bits.Get(a, to)
            && !(cut.From is not null && Bits.Get(cut.From, from) && Bits.Get(cut.To!, to));

        var district = new int[k];
        Array.Fill(district, -1);
        var members = new List<List<int>>();
        var stack = new Stack<int>();
        for (var j = 0; j < k; j++)
        {
            var v = ids[j];
            foreach (var c in core.Children(v)) if (Kept(v, c)) Link(j, local[c]);
            if (district[j] >= 0) continue;
            var d = members.Count;
            var list = new List<int>();
            members.Add(list);
            district[j] = d;
            stack.Push(j);
            while (stack.Count > 0)
            {
                var u = stack.Pop();
                list.Add(u);
                foreach (var s in core.Spouses(ids[u]))
                    if (Bits.Get(a, s) && district[local[s]] < 0) { district[local[s]] = d; stack.Push(local[s]); }
            }
        }
        foreach (var list in members)
        {
            var family = new HashSet<int>(list);
            foreach (var u in list) foreach (var p in core.Parents(ids[u])) if (Kept(p, ids[u])) family.Add(local[p]);
            if (family.Count < 2) continue;
            var arr = family.ToArray();
            for (var p = 0; p < arr.Length; p++) for (var q = p + 1; q < arr.Length; q++) Link(arr[p], arr[q]);
        }
        var result = new int[k][];
        for (var j = 0; j < k; j++) result[j] = adj[j].Order().ToArray();
        return result;
    }

    private sealed class Search(int[][] h, int n, ulong[] blocked, ulong[] passable, ulong[] x, ulong[] y)
    {
        private readonly int[] _queue = new int[n];

        /// <summary>N*(S): the first nodes outside S ∪ B ∪ P met by a BFS from S that walks through P and stops at B.</summary>
        private ulong[] NStar(ulong[] s)
        {
            var seen = Bits.Copy(s);
            var result = Bits.New(n);
            int head = 0, tail = Bits.ToIndices(s, _queue);
            while (head < tail)
            {
                var v = _queue[head++];
                foreach (var w in h[v])
                {
                    if (!Bits.TrySet(seen, w) || Bits.Get(blocked, w)) continue;
                    if (Bits.Get(passable, w)) _queue[tail++] = w;
                    else Bits.Set(result, w);
                }
            }
            return result;
        }

        /// <summary>Comp(S, C): the component of S in H − (C ∪ B).</summary>
        private ulong[] Comp(ulong[] s, ulong[] c)
        {
            var seen = Bits.Copy(s);
            int head = 0, tail = Bits.ToIndices(s, _queue);
            while (head < tail)
            {
                var v = _queue[head++];
                foreach (var w in h[v])
                {
                    if (Bits.Get(c, w) || Bits.Get(blocked, w) || !Bits.TrySet(seen, w)) continue;
                    _queue[tail++] = w;
                }
            }
            return seen;
        }

        public IEnumerable<ulong[]> Run(int maxResults, CancellationToken cancellationToken)
        {
            if (Bits.Intersects(NStar(x), y)) yield break;             // step 4: X and Y adjacent through P
            var u0 = Bits.Union(y, NStar(y));
            var stack = new Stack<(ulong[] Aset, ulong[] U)>();
            stack.Push((x, u0));                                        // step 6: Rec(X, Y ∪ N(Y))
            var count = 0;
            while (stack.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (aset, u) = stack.Pop();
                var s = NStar(Comp(y, NStar(aset)));                    // 5.1: the separator closest to Aset
                var aStar = Comp(x, s);                                 // 5.2
                if (Bits.Intersects(aStar, u)) continue;
                var c = NStar(aStar);                                   // 5.3
                Bits.AndNot(c, u);
                var v = Bits.First(c);
                if (v < 0)                                              // 5.4: output S ∪ I
                {
                    yield return Bits.Union(s, blocked);
                    if (++count >= maxResults) yield break;
                    continue;
                }
                var uWithV = Bits.Copy(u);                              // 5.5: Rec(A* ∪ {v}, U), then Rec(A*, U ∪ {v})
                Bits.Set(uWithV, v);
                stack.Push((aStar, uWithV));
                var aWithV = Bits.Copy(aStar);
                Bits.Set(aWithV, v);
                stack.Push((aWithV, u));
            }
        }
    }
}
