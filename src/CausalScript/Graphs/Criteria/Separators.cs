using System.Runtime.CompilerServices;

namespace CausalScript.Graphs;

/// <summary>Directed edges treated as absent during a search: a → b with a ∈ From and b ∈ To.</summary>
internal readonly record struct EdgeCut(ulong[]? From, ulong[]? To)
{
    public static readonly EdgeCut None = new(null, null);
}

/// <summary>
/// Finding, testing and listing m-separators Z with I ⊆ Z ⊆ R: van der Zander, Liśkiewicz &amp; Textor (2019),
/// "Separators and adjustment sets in causal graphs: complete criteria and an algorithmic framework", Artificial
/// Intelligence 270:1–40 (FindSep, TestMinSep, ListSep); van der Zander &amp; Liśkiewicz (2019), "Finding minimal
/// d-separators in linear time and applications", UAI (linear-time FindMinSep). Spec: graph-algorithms.md §1.
/// "Minimal" is I-minimal: no separator Z' with I ⊆ Z' ⊊ Z. A null result means no separator exists; an empty set
/// means the empty set separates.
/// </summary>
public static class Separators
{
    /// <summary>Finds some separator Z of X and Y with mustContain ⊆ Z ⊆ allowed, or null when none exists
    /// (FindSep: Z = An(X ∪ Y ∪ I) ∩ R, which separates iff any separator in the range does). O(n + m).</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">First set, non-empty.</param>
    /// <param name="y">Second set, non-empty, disjoint from X.</param>
    /// <param name="mustContain">Nodes every separator must contain (I); null = none.</param>
    /// <param name="allowed">Nodes a separator may use (R ⊇ I, disjoint from X and Y); null = all other nodes.</param>
    /// <returns>A separator or null.</returns>
    /// <exception cref="GraphException">Malformed arguments (unknown, latent, overlapping nodes, I ⊄ R).</exception>
    public static NodeSet? FindSeparator(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null)
    {
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        var z = Find(q.G, q.X, q.Y, q.I, q.R, EdgeCut.None);
        return z is null ? null : q.G.Wrap(z);
    }

    /// <summary>Finds the I-minimal separator nearest to X, or null when no separator in the range exists. Linear
    /// time (van der Zander &amp; Liśkiewicz 2019).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">First set.</param>
    /// <param name="y">Second set.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <returns>An I-minimal separator or null.</returns>
    public static NodeSet? FindMinimalSeparator(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null)
    {
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        var z = FindMinimal(q.G, q.X, q.Y, q.I, q.R, EdgeCut.None);
        return z is null ? null : q.G.Wrap(z);
    }

    /// <summary>Tests whether Z is an I-minimal separator of X and Y (no separator Z' with I ⊆ Z' ⊊ Z). O(n + m).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">First set.</param>
    /// <param name="y">Second set.</param>
    /// <param name="z">The candidate separator.</param>
    /// <param name="mustContain">Mandatory nodes I ⊆ Z.</param>
    /// <returns>True when Z separates and is I-minimal.</returns>
    public static bool IsMinimalSeparator(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z,
        IEnumerable<string>? mustContain = null)
    {
        var q = Query.Resolve(g, x, y, mustContain, z);
        return IsMinimal(q.G, q.X, q.Y, q.R, q.I, EdgeCut.None);
    }

    /// <summary>Lists every separator Z with I ⊆ Z ⊆ R, lazily, with polynomial delay O(n(n + m)) (ListSep of
    /// van der Zander et al. 2019). The number of separators can be exponential: cap it with
    /// <paramref name="maxResults"/> or cancel.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">First set.</param>
    /// <param name="y">Second set.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <param name="maxResults">Stop after this many sets.</param>
    /// <param name="cancellationToken">Cancels the enumeration between results.</param>
    /// <returns>The separators in a canonical order (depth-first, including the lowest-id free node first).</returns>
    public static IEnumerable<NodeSet> ListSeparators(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null, int maxResults = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        Arguments.CheckMax(maxResults);
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        return ListIntervals(q.I, q.R, (i, r) => Find(q.G, q.X, q.Y, i, r, EdgeCut.None) is not null, maxResults, cancellationToken)
            .Select(q.G.Wrap);
    }

    /// <summary>Lists every I-minimal separator of X and Y within [I, R], lazily, with polynomial delay O(n³)
    /// (Takata 2010 backtracking on the augmented graph, as used by van der Zander et al. 2019).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">First set.</param>
    /// <param name="y">Second set.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <param name="maxResults">Stop after this many sets.</param>
    /// <param name="cancellationToken">Cancels the enumeration between results.</param>
    /// <returns>The I-minimal separators (an empty sequence when none exists; a single empty set when ∅ separates).</returns>
    public static IEnumerable<NodeSet> ListMinimalSeparators(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null, int maxResults = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        Arguments.CheckMax(maxResults);
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        return MinimalSeparatorListing.List(q.G, q.X, q.Y, q.I, q.R, EdgeCut.None, maxResults, cancellationToken).Select(q.G.Wrap);
    }

    /// <summary>A resolved separator query on the observed graph.</summary>
    internal readonly record struct Query(Admg G, ulong[] X, ulong[] Y, ulong[] I, ulong[] R)
    {
        public static Query Resolve(Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string>? mustContain,
            IEnumerable<string>? restrict)
        {
            var o = Arguments.Observed(g);
            var xs = Arguments.Set(o, x, "first", required: true);
            var ys = Arguments.Set(o, y, "second", required: true);
            Arguments.Disjoint(o, xs, "first", ys, "second");
            var i = Arguments.Set(o, mustContain, "mandatory");
            ulong[] r;
            if (restrict is null)
            {
                r = Bits.Except(o.PresentBits, xs);
                Bits.AndNot(r, ys);
            }
            else
            {
                r = Arguments.Set(o, restrict, "allowed");
                Arguments.Disjoint(o, r, "allowed", xs, "first");
                Arguments.Disjoint(o, r, "allowed", ys, "second");
            }
            Arguments.Disjoint(o, i, "mandatory", xs, "first");
            Arguments.Disjoint(o, i, "mandatory", ys, "second");
            Arguments.Subset(o, i, "mandatory", r, "allowed");
            return new Query(o, xs, ys, i, r);
        }
    }

    /// <summary>An(X ∪ Y ∪ I) in the graph without the cut edges (G̃ for instruments; for G^pbd and G_{X̲} the cut
    /// makes no difference because X is in the set).</summary>
    internal static ulong[] Ancestral(Admg g, ulong[] x, ulong[] y, ulong[] i, EdgeCut cut)
    {
        var s = Bits.Union(x, y);
        Bits.Or(s, i);
        return g.AncestorBits(s, cut);
    }

    /// <summary>FindSep: Z0 = (An(X ∪ Y ∪ I) ∩ R) \ (X ∪ Y); a separator in [I, R] exists iff Z0 separates.</summary>
    internal static ulong[]? Find(Admg g, ulong[] x, ulong[] y, ulong[] i, ulong[] r, EdgeCut cut)
    {
        if (!Bits.IsSubset(i, r)) return null;
        var z = Ancestral(g, x, y, i, cut);
        Bits.And(z, r);
        Bits.AndNot(z, x);
        Bits.AndNot(z, y);
        return MSeparation.Separated(g, x, y, z, cut.From, cut.To) ? z : null;
    }

    /// <summary>Closure(X; A, Z): nodes reachable from X moving only inside A; colliders always pass, non-colliders
    /// only outside Z.</summary>
    internal static ulong[] Closure(Admg g, ulong[] start, ulong[] a, ulong[] z, EdgeCut cut)
    {
        var rule = new MConnection { Blocked = z, ColliderOpen = null, Within = a, CutFrom = cut.From, CutTo = cut.To };
        return Reachability.Nodes(Reachability.Run(g.Core, start, rule), g.N);
    }

    /// <summary>Nearest(X, Y; I, R): (Z0 ∩ Closure(X; A, Z0)) ∪ I, the separator that is minimal on X's side.</summary>
    internal static ulong[]? Nearest(Admg g, ulong[] x, ulong[] y, ulong[] i, ulong[] r, EdgeCut cut)
    {
        var z0 = Find(g, x, y, i, r, cut);
        if (z0 is null) return null;
        var c = Closure(g, x, Ancestral(g, x, y, i, cut), z0, cut);
        Bits.And(c, z0);
        Bits.Or(c, i);
        return c;
    }

    /// <summary>FindMinSep: Zx = Nearest(X, Y; I, R), Zy = Nearest(Y, X; I, Zx), result (Zx ∩ Zy) ∪ I.</summary>
    internal static ulong[]? FindMinimal(Admg g, ulong[] x, ulong[] y, ulong[] i, ulong[] r, EdgeCut cut)
    {
        var zx = Nearest(g, x, y, i, r, cut);
        if (zx is null) return null;
        var zy = Nearest(g, y, x, i, zx, cut)!;
        Bits.And(zy, zx);
        Bits.Or(zy, i);
        return zy;
    }

    /// <summary>TestMinSep: Z separates, Z ⊆ An(X ∪ Y ∪ I), and every z ∈ Z \ I is in both closures.</summary>
    internal static bool IsMinimal(Admg g, ulong[] x, ulong[] y, ulong[] z, ulong[] i, EdgeCut cut)
    {
        if (!Bits.IsSubset(i, z)) return false;
        if (!MSeparation.Separated(g, x, y, z, cut.From, cut.To)) return false;
        var a = Ancestral(g, x, y, i, cut);
        if (!Bits.IsSubset(z, a)) return false;
        var free = Bits.Except(z, i);
        return Bits.IsSubset(free, Closure(g, x, a, z, cut)) && Bits.IsSubset(free, Closure(g, y, a, z, cut));
    }

    /// <summary>The ListSep recursion over intervals [I, R] with an existence oracle, as an explicit stack (no
    /// recursion depth limit, O(n) oracle calls between outputs). Branch order: include the lowest free node first.</summary>
    internal static IEnumerable<ulong[]> ListIntervals(ulong[] include, ulong[] restrict, Func<ulong[], ulong[], bool> exists,
        int maxResults, CancellationToken cancellationToken)
    {
        if (maxResults == 0) yield break;
        var count = 0;
        var stack = new Stack<(ulong[] I, ulong[] R)>();
        stack.Push((include, restrict));
        while (stack.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (i, r) = stack.Pop();
            if (!exists(i, r)) continue;
            var free = Bits.Except(r, i);
            var v = Bits.First(free);
            if (v < 0)
            {
                yield return i;
                if (++count >= maxResults) yield break;
                continue;
            }
            var withV = Bits.Copy(i);
            Bits.Set(withV, v);
            var withoutV = Bits.Copy(r);
            Bits.Clear(withoutV, v);
            stack.Push((i, withoutV));
            stack.Push((withV, r));
        }
    }
}
