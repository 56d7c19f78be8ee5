using System.Buffers;
using System.Runtime.CompilerServices;

namespace CausalScript.Graphs;

/// <summary>How a search entered a node: as a start node, through a tail at the node, or through an arrowhead at it.</summary>
internal enum Entry : byte { Start = 0, Tail = 1, Head = 2 }

/// <summary>A rule deciding whether a search may move from node v (entered as entered) to a
/// neighbour w over one edge whose mark at v is atV and at w is atW.
/// The move makes v a collider iff <c>entered == Head &amp;&amp; atV == Head</c>.</summary>
internal interface IMoveRule
{
    bool Allow(int v, Entry entered, Entry atV, int w, Entry atW);
}

/// <summary>
/// The one search primitive of the graph layer: breadth-first reachability over states (node, how it was entered),
/// driven by a move rule. Each of the 3n states is expanded once, so a search costs O(n + m). This is the rule-table
/// formulation of Wienöbst, Weichwald &amp; Henckel (2025), "Linear-time primitives for algorithm development in
/// graphical causal inference" (arXiv:2506.15758); m-separation (Shachter's Bayes-ball), separator closures,
/// front-door and instrument searches are all expressed as rules over it.
/// </summary>
internal static class Reachability
{
    /// <summary>The state index of (v, entry) in a visited bitset of 3n bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int State(int v, Entry e) => v * 3 + (int)e;

    /// <summary>Runs the search from <paramref name="starts"/> (entered as Start). Returns the visited states (3n bits).
    /// When <paramref name="stop"/> is given, returns as soon as a node of it is entered and sets <paramref name="hit"/>.</summary>
    public static ulong[] Run<TRule>(GraphCore g, ReadOnlySpan<ulong> starts, TRule rule, ReadOnlySpan<ulong> stop, out bool hit)
        where TRule : struct, IMoveRule
    {
        var visited = Bits.New(3 * g.N);
        // The queue holds each state at most once; it is rented because at 10,000 nodes it would be a 120 KB
        // large-object-heap allocation per query.
        var queue = ArrayPool<int>.Shared.Rent(3 * g.N);
        try { hit = Search(g, starts, rule, stop, visited, queue); }
        finally { ArrayPool<int>.Shared.Return(queue); }
        return visited;
    }

    private static bool Search<TRule>(GraphCore g, ReadOnlySpan<ulong> starts, TRule rule, ReadOnlySpan<ulong> stop,
        ulong[] visited, int[] queue) where TRule : struct, IMoveRule
    {
        int head = 0, tail = 0;
        var checkStop = !stop.IsEmpty;
        for (var word = 0; word < starts.Length; word++)
        {
            var bits = starts[word];
            while (bits != 0)
            {
                var v = (word << 6) + System.Numerics.BitOperations.TrailingZeroCount(bits);
                bits &= bits - 1;
                Bits.Set(visited, State(v, Entry.Start));
                queue[tail++] = State(v, Entry.Start);
                if (checkStop && Bits.Get(stop, v)) return true;
            }
        }
        while (head < tail)
        {
            var s = queue[head++];
            var v = s / 3;
            var entered = (Entry)(s - v * 3);
            // To parents: arrowhead at v, tail at the parent.
            for (var k = g.PaStart[v]; k < g.PaStart[v + 1]; k++)
            {
                var w = g.Pa[k];
                if (!rule.Allow(v, entered, Entry.Head, w, Entry.Tail)) continue;
                var t = State(w, Entry.Tail);
                if (!Bits.TrySet(visited, t)) continue;
                if (checkStop && Bits.Get(stop, w)) return true;
                queue[tail++] = t;
            }
            // To children: tail at v, arrowhead at the child.
            for (var k = g.ChStart[v]; k < g.ChStart[v + 1]; k++)
            {
                var w = g.Ch[k];
                if (!rule.Allow(v, entered, Entry.Tail, w, Entry.Head)) continue;
                var t = State(w, Entry.Head);
                if (!Bits.TrySet(visited, t)) continue;
                if (checkStop && Bits.Get(stop, w)) return true;
                queue[tail++] = t;
            }
            // To spouses: arrowheads at both ends.
            for (var k = g.SpStart[v]; k < g.SpStart[v + 1]; k++)
            {
                var w = g.Sp[k];
                if (!rule.Allow(v, entered, Entry.Head, w, Entry.Head)) continue;
                var t = State(w, Entry.Head);
                if (!Bits.TrySet(visited, t)) continue;
                if (checkStop && Bits.Get(stop, w)) return true;
                queue[tail++] = t;
            }
        }
        return false;
    }

    /// <summary>Runs the search without a stop set.</summary>
    public static ulong[] Run<TRule>(GraphCore g, ReadOnlySpan<ulong> starts, TRule rule) where TRule : struct, IMoveRule =>
        Run(g, starts, rule, default, out _);

    /// <summary>The nodes visited in any of the allowed entries (bit 0 = Start, 1 = Tail, 2 = Head).</summary>
    public static ulong[] Nodes(ReadOnlySpan<ulong> visited, int n, int entryMask = 0b111)
    {
        var r = Bits.New(n);
        for (var v = 0; v < n; v++)
        {
            var s = v * 3;
            if ((entryMask & 1) != 0 && Bits.Get(visited, s) || (entryMask & 2) != 0 && Bits.Get(visited, s + 1)
                || (entryMask & 4) != 0 && Bits.Get(visited, s + 2))
                Bits.Set(r, v);
        }
        return r;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsCollider(Entry entered, Entry atV) => entered == Entry.Head && atV == Entry.Head;
}

/// <summary>
/// m-connection moves (Richardson 2003; Shachter 1998): a non-collider must lie outside <see cref="Blocked"/>; a
/// collider must lie in <see cref="ColliderOpen"/> (An(Z) for the path form, Z for the walk form, null = always open).
/// Optional: moves only into <see cref="Within"/>; directed edges a → b with a ∈ <see cref="CutFrom"/> and
/// b ∈ <see cref="CutTo"/> are treated as absent (proper back-door graph, G with outgoing edges removed).
/// </summary>
internal readonly struct MConnection : IMoveRule
{
    public ulong[] Blocked { get; init; }
    public ulong[]? ColliderOpen { get; init; }
    public ulong[]? Within { get; init; }
    public ulong[]? CutFrom { get; init; }
    public ulong[]? CutTo { get; init; }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool Allow(int v, Entry entered, Entry atV, int w, Entry atW)
    {
        if (CutFrom is not null)
        {
            // child move v -> w, or parent move v <- w: the directed edge is (tail, head).
            if (atV == Entry.Tail && atW == Entry.Head && Bits.Get(CutFrom, v) && Bits.Get(CutTo!, w)) return false;
            if (atV == Entry.Head && atW == Entry.Tail && Bits.Get(CutFrom, w) && Bits.Get(CutTo!, v)) return false;
        }
        if (Within is not null && !Bits.Get(Within, w)) return false;
        if (Reachability.IsCollider(entered, atV)) return ColliderOpen is null || Bits.Get(ColliderOpen, v);
        return !Bits.Get(Blocked, v);
    }
}
