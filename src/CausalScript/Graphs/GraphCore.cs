namespace CausalScript.Graphs;

/// <summary>Compressed-sparse-row adjacency of an ADMG over a dense id space: parents, children and spouses (↔).
/// Immutable; shared by every algorithm as the thing they traverse.</summary>
internal sealed class GraphCore
{
    public readonly int N;
    public readonly int[] PaStart, Pa, ChStart, Ch, SpStart, Sp;

    private GraphCore(int n, int[] paStart, int[] pa, int[] chStart, int[] ch, int[] spStart, int[] sp)
    {
        N = n; PaStart = paStart; Pa = pa; ChStart = chStart; Ch = ch; SpStart = spStart; Sp = sp;
    }

    public int BidirectedCount => Sp.Length / 2;

    public ReadOnlySpan<int> Parents(int v) => Pa.AsSpan(PaStart[v], PaStart[v + 1] - PaStart[v]);
    public ReadOnlySpan<int> Children(int v) => Ch.AsSpan(ChStart[v], ChStart[v + 1] - ChStart[v]);
    public ReadOnlySpan<int> Spouses(int v) => Sp.AsSpan(SpStart[v], SpStart[v + 1] - SpStart[v]);

    /// <summary>Builds the CSR arrays; neighbour lists are sorted by id so traversals are deterministic.</summary>
    public static GraphCore Build(int n, IReadOnlyList<(int From, int To)> directed, IReadOnlyList<(int A, int B)> bidirected)
    {
        var pa = Csr(n, directed, e => e.To, e => e.From, out var paStart);
        var ch = Csr(n, directed, e => e.From, e => e.To, out var chStart);
        var both = new List<(int, int)>(bidirected.Count * 2);
        foreach (var (a, b) in bidirected) { both.Add((a, b)); both.Add((b, a)); }
        var sp = Csr(n, both, e => e.Item1, e => e.Item2, out var spStart);
        return new GraphCore(n, paStart, pa, chStart, ch, spStart, sp);
    }

    private static int[] Csr<T>(int n, IReadOnlyList<T> edges, Func<T, int> key, Func<T, int> value, out int[] start)
    {
        start = new int[n + 1];
        foreach (var e in edges) start[key(e) + 1]++;
        for (var i = 0; i < n; i++) start[i + 1] += start[i];
        var fill = start.AsSpan(0, n).ToArray();
        var list = new int[edges.Count];
        foreach (var e in edges) list[fill[key(e)]++] = value(e);
        for (var i = 0; i < n; i++) Array.Sort(list, start[i], start[i + 1] - start[i]);
        return list;
    }

    public List<(int From, int To)> DirectedEdges()
    {
        var r = new List<(int, int)>(Pa.Length);
        for (var v = 0; v < N; v++) foreach (var c in Children(v)) r.Add((v, c));
        return r;
    }

    public List<(int A, int B)> BidirectedEdges()
    {
        var r = new List<(int, int)>(Sp.Length / 2);
        for (var v = 0; v < N; v++) foreach (var s in Spouses(v)) if (v < s) r.Add((v, s));
        return r;
    }

    /// <summary>A copy keeping only the edges the predicates accept.</summary>
    public GraphCore Filter(Func<int, int, bool> keepDirected, Func<int, int, bool> keepBidirected)
    {
        var d = DirectedEdges().Where(e => keepDirected(e.From, e.To)).ToList();
        var b = BidirectedEdges().Where(e => keepBidirected(e.A, e.B)).ToList();
        return Build(N, d, b);
    }

    public bool HasDirected(int from, int to) => Children(from).BinarySearch(to) >= 0;
    public bool HasBidirected(int a, int b) => Spouses(a).BinarySearch(b) >= 0;
}
