namespace CausalScript.Graphs;

/// <summary>
/// Proper causal paths and the adjustment "forbidden set": Shpitser, VanderWeele &amp; Robins (2010), "On the validity
/// of covariate adjustment for estimating causal effects", UAI; van der Zander, Liśkiewicz &amp; Textor (2019), AIJ 270
/// (the proper back-door graph). Spec: graph-algorithms.md §3. All O(n + m).
/// </summary>
public static class ProperCausalPaths
{
    /// <summary>pcp(X, Y): the nodes other than X that lie on a proper causal path from X to Y (a directed path whose
    /// only node in X is its first). Contains Y ∩ De(X).</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <returns>pcp(X, Y).</returns>
    public static NodeSet ProperCausalNodes(this Admg g, IEnumerable<string> x, IEnumerable<string> y)
    {
        var (o, xs, ys) = Resolve(g, x, y);
        return o.Wrap(Pcp(o, xs, ys));
    }

    /// <summary>The adjustment-forbidden set Dpcp(X, Y) ∪ X: descendants of proper-causal-path nodes, plus X (Henckel's
    /// forb). No adjustment set may contain a node of Dpcp.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <returns>De(pcp(X, Y)) ∪ X.</returns>
    public static NodeSet AdjustmentForbidden(this Admg g, IEnumerable<string> x, IEnumerable<string> y)
    {
        var (o, xs, ys) = Resolve(g, x, y);
        var f = o.DescendantBits(Pcp(o, xs, ys));
        Bits.Or(f, xs);
        return o.Wrap(f);
    }

    /// <summary>The proper back-door graph G^pbd_XY: G without the first edge x → w of every proper causal path
    /// (x ∈ X, w ∈ pcp(X, Y)). Bidirected edges stay.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <returns>The proper back-door graph (sharing node ids with <paramref name="g"/>'s projection).</returns>
    public static Admg ProperBackdoorGraph(this Admg g, IEnumerable<string> x, IEnumerable<string> y)
    {
        var (o, xs, ys) = Resolve(g, x, y);
        var p = Pcp(o, xs, ys);
        return o.With(o.PresentBits.ToArray(), o.Core.Filter((a, b) => !(Bits.Get(xs, a) && Bits.Get(p, b)), (_, _) => true));
    }

    private static (Admg, ulong[], ulong[]) Resolve(Admg g, IEnumerable<string> x, IEnumerable<string> y)
    {
        var o = Arguments.Observed(g);
        var xs = Arguments.Set(o, x, "exposure", required: true);
        var ys = Arguments.Set(o, y, "outcome", required: true);
        Arguments.Disjoint(o, xs, "exposure", ys, "outcome");
        return (o, xs, ys);
    }

    /// <summary>pcp = (De(X) \ X) ∩ B, where B = nodes reaching Y by a directed path that does not pass through X
    /// (a reverse search from Y along parents that enters X nodes but never expands them).</summary>
    internal static ulong[] Pcp(Admg g, ulong[] x, ulong[] y)
    {
        var d = g.DescendantBits(x);
        Bits.AndNot(d, x);
        var b = Bits.Copy(y);
        var stack = System.Buffers.ArrayPool<int>.Shared.Rent(g.N);
        try
        {
            var top = Bits.ToIndices(y, stack);
            while (top > 0)
            {
                var v = stack[--top];
                if (Bits.Get(x, v)) continue;
                foreach (var p in g.Core.Parents(v))
                    if (Bits.TrySet(b, p)) stack[top++] = p;
            }
        }
        finally { System.Buffers.ArrayPool<int>.Shared.Return(stack); }
        Bits.And(d, b);
        return d;
    }

    /// <summary>The edge cut that turns G into the proper back-door graph.</summary>
    internal static EdgeCut ProperBackdoorCut(ulong[] x, ulong[] pcp) => new(x, pcp);
}
