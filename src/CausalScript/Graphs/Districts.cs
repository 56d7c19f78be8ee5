namespace CausalScript.Graphs;

/// <summary>
/// Districts (c-components): the connected components of the bidirected edges. Tian &amp; Pearl (2002), "A general
/// identification condition for causal effects", AAAI. Spec: graph-algorithms.md §3.
/// </summary>
public sealed partial class Admg
{
    /// <summary>The districts (c-components) of the graph, ordered by their first-declared node. O(n + m).</summary>
    /// <returns>A partition of the nodes; a node without bidirected edges is its own district.</returns>
    public IReadOnlyList<NodeSet> Districts() => DistrictBits(_present).Select(Wrap).ToArray();

    /// <summary>The district (c-component) containing a node.</summary>
    /// <param name="node">A node.</param>
    /// <returns>The nodes joined to it by bidirected paths, itself included.</returns>
    public NodeSet District(string node)
    {
        var id = Id(node);
        return Wrap(DistrictBits(_present).First(d => Bits.Get(d, id)));
    }

    /// <summary>Districts of the subgraph induced by <paramref name="within"/> (a mask, no copy).</summary>
    internal List<ulong[]> DistrictBits(ReadOnlySpan<ulong> within)
    {
        var result = new List<ulong[]>();
        var assigned = Bits.New(N);
        var stack = new int[N];
        foreach (var v in Bits.Enumerate(within.ToArray()))
        {
            if (!Bits.TrySet(assigned, v)) continue;
            var d = Bits.New(N);
            Bits.Set(d, v);
            var top = 0;
            stack[top++] = v;
            while (top > 0)
            {
                var u = stack[--top];
                foreach (var s in Core.Spouses(u))
                    if (Bits.Get(within, s) && Bits.TrySet(assigned, s)) { Bits.Set(d, s); stack[top++] = s; }
            }
            result.Add(d);
        }
        return result;
    }
}
