using System.Collections;

namespace CausalScript.Graphs;

/// <summary>An immutable set of nodes of one graph: a bitset over the graph's dense node ids, exposed as a read-only
/// set of names. Sets taken from a graph, its subgraphs, mutilations and latent projection are interchangeable.</summary>
/// <remarks>Enumeration is in node-declaration order, so printing and listings are deterministic. Equality is by names,
/// so two sets with the same names are equal even when they come from separately built graphs.</remarks>
public sealed class NodeSet : IReadOnlySet<string>, IEquatable<NodeSet>
{
    private readonly ulong[] _bits;
    private int _hash;

    internal NodeSet(NodeUniverse universe, ulong[] bits)
    {
        Universe = universe;
        _bits = bits;
        Count = Bits.Count(bits);
    }

    internal NodeUniverse Universe { get; }

    /// <summary>The bitset; never mutate it.</summary>
    internal ReadOnlySpan<ulong> BitsSpan => _bits;

    internal ulong[] BitsArray => _bits;

    /// <summary>The number of nodes in the set.</summary>
    public int Count { get; }

    /// <summary>True when the set has no nodes.</summary>
    public bool IsEmpty => Count == 0;

    /// <summary>True when the named node is in the set.</summary>
    /// <param name="item">A node name.</param>
    public bool Contains(string item) => Universe.TryGetId(item, out var id) && Bits.Get(_bits, id);

    internal bool Contains(int id) => Bits.Get(_bits, id);

    /// <summary>The union with another set of the same graph family.</summary>
    /// <param name="other">The other set.</param>
    public NodeSet Union(NodeSet other) => new(Universe, Bits.Union(_bits, Align(other)));

    /// <summary>The intersection with another set of the same graph family.</summary>
    /// <param name="other">The other set.</param>
    public NodeSet Intersect(NodeSet other) => new(Universe, Bits.Intersect(_bits, Align(other)));

    /// <summary>The nodes of this set that are not in <paramref name="other"/>.</summary>
    /// <param name="other">The set to remove.</param>
    public NodeSet Except(NodeSet other) => new(Universe, Bits.Except(_bits, Align(other)));

    /// <summary>True when this set and <paramref name="other"/> share a node.</summary>
    /// <param name="other">The other set.</param>
    public bool Overlaps(NodeSet other) => Bits.Intersects(_bits, Align(other));

    private ReadOnlySpan<ulong> Align(NodeSet other)
    {
        if (ReferenceEquals(other.Universe, Universe)) return other._bits;
        var r = Bits.New(Universe.Count);
        foreach (var name in other)
        {
            if (!Universe.TryGetId(name, out var id))
                throw new UnknownNodeException(name, NameSuggestion.Closest(name, Universe.Names));
            Bits.Set(r, id);
        }
        return r;
    }

    /// <inheritdoc />
    public IEnumerator<string> GetEnumerator()
    {
        foreach (var id in Bits.Enumerate(_bits)) yield return Universe.Names[id];
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc />
    public bool IsProperSubsetOf(IEnumerable<string> other) { var o = ToHashSet(other); return Count < o.Count && this.All(o.Contains); }

    /// <inheritdoc />
    public bool IsProperSupersetOf(IEnumerable<string> other) { var o = ToHashSet(other); return Count > o.Count && o.All(Contains); }

    /// <inheritdoc />
    public bool IsSubsetOf(IEnumerable<string> other) { var o = ToHashSet(other); return this.All(o.Contains); }

    /// <inheritdoc />
    public bool IsSupersetOf(IEnumerable<string> other) => other.All(Contains);

    /// <inheritdoc />
    public bool Overlaps(IEnumerable<string> other) => other.Any(Contains);

    /// <inheritdoc />
    public bool SetEquals(IEnumerable<string> other) { var o = ToHashSet(other); return o.Count == Count && o.All(Contains); }

    private static HashSet<string> ToHashSet(IEnumerable<string> s) => s as HashSet<string> ?? new HashSet<string>(s, StringComparer.Ordinal);

    /// <summary>Equality by node names.</summary>
    /// <param name="other">The other set.</param>
    public bool Equals(NodeSet? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(other.Universe, Universe)) return _bits.AsSpan().SequenceEqual(other._bits);
        return other.Count == Count && other.All(Contains);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is NodeSet s && Equals(s);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        if (_hash != 0) return _hash;
        var h = Count;
        foreach (var name in this) h += StringComparer.Ordinal.GetHashCode(name) * 31;
        return _hash = h == 0 ? 1 : h;
    }

    /// <summary>Renders the set as <c>{a, b}</c> (the empty set as <c>{}</c>).</summary>
    public override string ToString() => "{" + string.Join(", ", this) + "}";
}
