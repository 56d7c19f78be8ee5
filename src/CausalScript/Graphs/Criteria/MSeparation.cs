namespace CausalScript.Graphs;

/// <summary>
/// m-separation (d-separation in DAGs) in linear time by rule-driven reachability ("Bayes-ball"): Shachter (1998),
/// "Bayes-Ball: the rational pastime", UAI; Koller &amp; Friedman (2009), Alg. 3.1; Richardson (2003), "Markov
/// properties for acyclic directed mixed graphs", Scand. J. Statist. 30:145–157. Spec: graph-algorithms.md §1.
/// </summary>
public static class MSeparation
{
    /// <summary>Tests whether X and Y are m-separated (d-separated in a DAG) given Z: every path between them has a
    /// non-collider in Z or a collider outside An(Z). O(n + m).</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">The first set (non-empty).</param>
    /// <param name="y">The second set (non-empty).</param>
    /// <param name="given">The conditioning set Z (may be null or empty), disjoint from X and Y.</param>
    /// <returns>True when separated. Overlapping X and Y are never separated.</returns>
    /// <exception cref="GraphException">An empty X or Y, a latent or unknown node, or Z overlapping X or Y.</exception>
    /// <example><code>Admg.Parse("a -> c &lt;- b").IsMSeparated(["a"], ["b"], [])  // true</code></example>
    public static bool IsMSeparated(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string>? given = null)
    {
        var (o, xs, ys, zs) = Resolve(g, x, y, given);
        return Separated(o, xs, ys, zs);
    }

    /// <summary>Alias of <see cref="IsMSeparated"/> under the DAG name.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">The first set.</param>
    /// <param name="y">The second set.</param>
    /// <param name="given">The conditioning set.</param>
    /// <returns>True when d-separated.</returns>
    public static bool IsDSeparated(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string>? given = null) =>
        g.IsMSeparated(x, y, given);

    /// <summary>Every node outside X ∪ Z that is m-connected to X given Z (the nodes a Bayes-ball from X reaches).
    /// O(n + m).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">The start set.</param>
    /// <param name="given">The conditioning set Z.</param>
    /// <returns>The nodes v ∉ X ∪ Z with an open path from X given Z.</returns>
    public static NodeSet MConnectedNodes(this Admg g, IEnumerable<string> x, IEnumerable<string>? given = null)
    {
        var o = Arguments.Observed(g);
        var xs = Arguments.Set(o, x, "start", required: true);
        var zs = Arguments.Set(o, given, "conditioning");
        Arguments.Disjoint(o, xs, "start", zs, "conditioning");
        var visited = Reachability.Run(o.Core, xs, PathRule(o, zs));
        var reached = Reachability.Nodes(visited, o.N, 0b110);
        Bits.AndNot(reached, zs);
        Bits.AndNot(reached, xs);
        return o.Wrap(reached);
    }

    internal static (Admg Observed, ulong[] X, ulong[] Y, ulong[] Z) Resolve(Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string>? given)
    {
        var o = Arguments.Observed(g);
        var xs = Arguments.Set(o, x, "first", required: true);
        var ys = Arguments.Set(o, y, "second", required: true);
        var zs = Arguments.Set(o, given, "conditioning");
        Arguments.Disjoint(o, xs, "first", zs, "conditioning");
        Arguments.Disjoint(o, ys, "second", zs, "conditioning");
        return (o, xs, ys, zs);
    }

    /// <summary>The path-form rule: non-colliders outside Z, colliders in An(Z) — ancestors taken in the cut graph.</summary>
    internal static MConnection PathRule(Admg g, ulong[] z, ulong[]? cutFrom = null, ulong[]? cutTo = null) =>
        new() { Blocked = z, ColliderOpen = g.AncestorBits(z, new EdgeCut(cutFrom, cutTo)), CutFrom = cutFrom, CutTo = cutTo };

    /// <summary>TestSep (path form), graph-algorithms.md §1: seed X, stop as soon as Y is entered. Every m-connecting
    /// path lies inside An(X ∪ Y ∪ Z), so the search is confined to it (in sparse graphs far smaller than De(X)).</summary>
    internal static bool Separated(Admg g, ulong[] x, ulong[] y, ulong[] z, ulong[]? cutFrom = null, ulong[]? cutTo = null)
    {
        if (Bits.Intersects(x, y)) return false;
        var cut = new EdgeCut(cutFrom, cutTo);
        var relevant = Bits.Union(x, y);
        Bits.Or(relevant, z);
        var rule = PathRule(g, z, cutFrom, cutTo) with { Within = g.AncestorBits(relevant, cut) };
        Reachability.Run(g.Core, x, rule, y, out var hit);
        return !hit;
    }
}
