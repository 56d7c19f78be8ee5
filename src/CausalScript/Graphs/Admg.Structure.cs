namespace CausalScript.Graphs;

// Family relations, subgraphs and mutilations. All O(n + m).
public sealed partial class Admg
{
    /// <summary>The parents of the given nodes (nodes with an edge <c>p -> v</c> into some v of the set).</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>pa(nodes), which may overlap the input.</returns>
    public NodeSet Parents(params IEnumerable<string> nodes) => Wrap(Neighbours(ToBits(nodes), Core.PaStart, Core.Pa));

    /// <summary>The children of the given nodes.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>ch(nodes).</returns>
    public NodeSet Children(params IEnumerable<string> nodes) => Wrap(Neighbours(ToBits(nodes), Core.ChStart, Core.Ch));

    /// <summary>The spouses (<c>&lt;-></c> neighbours) of the given nodes.</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>sp(nodes).</returns>
    public NodeSet Spouses(params IEnumerable<string> nodes) => Wrap(Neighbours(ToBits(nodes), Core.SpStart, Core.Sp));

    /// <summary>The ancestors of the given nodes, including the nodes themselves (directed edges only).</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>An(nodes) ⊇ nodes.</returns>
    public NodeSet Ancestors(params IEnumerable<string> nodes) => Wrap(AncestorBits(ToBits(nodes)));

    /// <summary>The descendants of the given nodes, including the nodes themselves (directed edges only).</summary>
    /// <param name="nodes">The nodes.</param>
    /// <returns>De(nodes) ⊇ nodes.</returns>
    public NodeSet Descendants(params IEnumerable<string> nodes) => Wrap(DescendantBits(ToBits(nodes)));

    private ulong[] Neighbours(ulong[] set, int[] start, int[] list)
    {
        var r = Bits.New(N);
        foreach (var v in Bits.Enumerate(set))
            for (var k = start[v]; k < start[v + 1]; k++) Bits.Set(r, list[k]);
        return r;
    }

    internal ulong[] AncestorBits(ReadOnlySpan<ulong> set) => Closure(set, Core.PaStart, Core.Pa, EdgeCut.None, alongParents: true);
    internal ulong[] DescendantBits(ReadOnlySpan<ulong> set) => Closure(set, Core.ChStart, Core.Ch, EdgeCut.None, alongParents: false);

    /// <summary>Ancestors in the graph without the cut edges (a → b with a ∈ cut.From, b ∈ cut.To).</summary>
    internal ulong[] AncestorBits(ReadOnlySpan<ulong> set, EdgeCut cut) => Closure(set, Core.PaStart, Core.Pa, cut, alongParents: true);

    /// <summary>Reflexive-transitive closure along one adjacency (parents or children), skipping cut edges; a rented
    /// stack, no per-step allocation.</summary>
    private ulong[] Closure(ReadOnlySpan<ulong> set, int[] start, int[] list, EdgeCut cut, bool alongParents)
    {
        var seen = set.ToArray();
        var stack = System.Buffers.ArrayPool<int>.Shared.Rent(N);
        try
        {
            var top = Bits.ToIndices(set, stack);
            while (top > 0)
            {
                var v = stack[--top];
                for (var k = start[v]; k < start[v + 1]; k++)
                {
                    var w = list[k];
                    if (cut.From is not null && (alongParents
                            ? Bits.Get(cut.From, w) && Bits.Get(cut.To!, v)
                            : Bits.Get(cut.From, v) && Bits.Get(cut.To!, w)))
                        continue;
                    if (Bits.TrySet(seen, w)) stack[top++] = w;
                }
            }
        }
        finally { System.Buffers.ArrayPool<int>.Shared.Return(stack); }
        return seen;
    }

    /// <summary>The subgraph induced by the given nodes: those nodes and every edge between them.</summary>
    /// <param name="nodes">The nodes to keep.</param>
    /// <returns>G[nodes], sharing this graph's node ids.</returns>
    public Admg InducedSubgraph(params IEnumerable<string> nodes)
    {
        var keep = ToBits(nodes);
        return With(keep, Core.Filter((a, b) => Bits.Get(keep, a) && Bits.Get(keep, b), (a, b) => Bits.Get(keep, a) && Bits.Get(keep, b)));
    }

    /// <summary>The mutilated graph G with every edge that has an arrowhead at the given nodes removed (directed edges
    /// into them and bidirected edges touching them): Pearl's G_{X̄}, the graph of do(X).</summary>
    /// <param name="nodes">The intervened nodes X.</param>
    /// <returns>G_{X̄}.</returns>
    public Admg RemoveIncomingEdges(params IEnumerable<string> nodes)
    {
        var x = ToBits(nodes);
        return With(_present, Core.Filter((_, b) => !Bits.Get(x, b), (a, b) => !Bits.Get(x, a) && !Bits.Get(x, b)));
    }

    /// <summary>The graph with the directed edges out of the given nodes removed: Pearl's G_{X̲} (the back-door graph).</summary>
    /// <param name="nodes">The nodes X.</param>
    /// <returns>G_{X̲}.</returns>
    public Admg RemoveOutgoingEdges(params IEnumerable<string> nodes)
    {
        var x = ToBits(nodes);
        return With(_present, Core.Filter((a, _) => !Bits.Get(x, a), (_, _) => true));
    }
}
