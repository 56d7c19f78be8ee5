using System.Numerics;
using System.Runtime.CompilerServices;

namespace CausalScript.Graphs;

/// <summary>Bitset primitives over <c>ulong</c> words: the storage of <see cref="NodeSet"/> and of every search's
/// visited table. Callers own the arrays; nothing here allocates except <see cref="New"/> and <see cref="Copy"/>.</summary>
internal static class Bits
{
    public static int Words(int n) => (n + 63) >> 6;
    public static ulong[] New(int n) => new ulong[Words(n)];
    public static ulong[] Copy(ReadOnlySpan<ulong> a) => a.ToArray();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Get(ReadOnlySpan<ulong> a, int i) => (a[i >> 6] & (1UL << i)) != 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Set(Span<ulong> a, int i) => a[i >> 6] |= 1UL << i;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Clear(Span<ulong> a, int i) => a[i >> 6] &= ~(1UL << i);

    /// <summary>Sets bit i and reports whether it was clear before.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TrySet(Span<ulong> a, int i)
    {
        ref var w = ref a[i >> 6];
        var m = 1UL << i;
        if ((w & m) != 0) return false;
        w |= m;
        return true;
    }

    public static void Or(Span<ulong> a, ReadOnlySpan<ulong> b) { for (var i = 0; i < a.Length; i++) a[i] |= b[i]; }
    public static void And(Span<ulong> a, ReadOnlySpan<ulong> b) { for (var i = 0; i < a.Length; i++) a[i] &= b[i]; }
    public static void AndNot(Span<ulong> a, ReadOnlySpan<ulong> b) { for (var i = 0; i < a.Length; i++) a[i] &= ~b[i]; }

    public static ulong[] Union(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) { var r = a.ToArray(); Or(r, b); return r; }
    public static ulong[] Intersect(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) { var r = a.ToArray(); And(r, b); return r; }
    public static ulong[] Except(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b) { var r = a.ToArray(); AndNot(r, b); return r; }

    public static bool IsEmpty(ReadOnlySpan<ulong> a) { foreach (var w in a) if (w != 0) return false; return true; }

    public static bool Intersects(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (var i = 0; i < a.Length; i++) if ((a[i] & b[i]) != 0) return true;
        return false;
    }

    /// <summary>True iff a ⊆ b.</summary>
    public static bool IsSubset(ReadOnlySpan<ulong> a, ReadOnlySpan<ulong> b)
    {
        for (var i = 0; i < a.Length; i++) if ((a[i] & ~b[i]) != 0) return false;
        return true;
    }

    public static int Count(ReadOnlySpan<ulong> a) { var c = 0; foreach (var w in a) c += BitOperations.PopCount(w); return c; }

    /// <summary>The smallest set index, or -1.</summary>
    public static int First(ReadOnlySpan<ulong> a)
    {
        for (var i = 0; i < a.Length; i++) if (a[i] != 0) return (i << 6) + BitOperations.TrailingZeroCount(a[i]);
        return -1;
    }

    /// <summary>Set indices in increasing order.</summary>
    public static IEnumerable<int> Enumerate(ulong[] a)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var w = a[i];
            while (w != 0)
            {
                yield return (i << 6) + BitOperations.TrailingZeroCount(w);
                w &= w - 1;
            }
        }
    }

    /// <summary>Writes the set indices into <paramref name="target"/> and returns how many were written.</summary>
    public static int ToIndices(ReadOnlySpan<ulong> a, Span<int> target)
    {
        var k = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var w = a[i];
            while (w != 0)
            {
                target[k++] = (i << 6) + BitOperations.TrailingZeroCount(w);
                w &= w - 1;
            }
        }
        return k;
    }

    public static int[] ToIndices(ReadOnlySpan<ulong> a)
    {
        var r = new int[Count(a)];
        ToIndices(a, r);
        return r;
    }

    public static ulong[] FromIndices(int n, IEnumerable<int> indices)
    {
        var r = New(n);
        foreach (var i in indices) Set(r, i);
        return r;
    }
}
