namespace CausalScript.Graphs;

/// <summary>
/// Constructing and listing covariate-adjustment sets: van der Zander, Liśkiewicz &amp; Textor (2014), "Constructing
/// separators and adjustment sets in ancestral graphs", UAI; (2019), "Separators and adjustment sets in causal graphs:
/// complete criteria and an algorithmic framework", AIJ 270:1–40. Adjustment sets in [I, R] are exactly the
/// m-separators of X and Y in the proper back-door graph within [I, R \ Dpcp], so the separator machinery
/// (<see cref="Separators"/>) runs on G^pbd as an edge mask. Spec: graph-algorithms.md §5.
/// </summary>
public static class AdjustmentSets
{
    /// <summary>The canonical adjustment set Adjust(X, Y) = (An(X ∪ Y ∪ I) ∩ R) \ (X ∪ Y ∪ Dpcp(X, Y)), returned iff it
    /// is valid — which holds iff any adjustment set Z with I ⊆ Z ⊆ R exists. O(n + m).</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Nodes every set must contain (I); null = none.</param>
    /// <param name="allowed">Nodes a set may contain (R); null = every observed node outside X ∪ Y.</param>
    /// <returns>The canonical set, or null when no adjustment set exists in the range.</returns>
    public static NodeSet? CanonicalAdjustmentSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null)
    {
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        var z = q.Find(q.I, q.R);
        return z is null ? null : q.G.Wrap(z);
    }

    /// <summary>An I-minimal adjustment set (no valid Z' with I ⊆ Z' ⊊ Z), or null when none exists. O(n + m).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <returns>A minimal adjustment set or null.</returns>
    public static NodeSet? FindMinimalAdjustmentSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null)
    {
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        if (q.Impossible) return null;
        var z = Separators.FindMinimal(q.G, q.X, q.Y, q.I, q.Allowed, q.Cut);
        return z is null ? null : q.G.Wrap(z);
    }

    /// <summary>An I-minimal set satisfying Pearl's back-door criterion (a minimal separator in G_{X̲} among
    /// non-descendants of X), or null. O(n + m).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <returns>A minimal back-door set or null.</returns>
    public static NodeSet? FindMinimalBackdoorSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null)
    {
        var q = Separators.Query.Resolve(g, x, y, mustContain, allowed);
        var r = Bits.Except(q.R, q.G.DescendantBits(q.X));
        if (!Bits.IsSubset(q.I, r)) return null;
        var z = Separators.FindMinimal(q.G, q.X, q.Y, q.I, r, new EdgeCut(q.X, q.G.PresentBits.ToArray()));
        return z is null ? null : q.G.Wrap(z);
    }

    /// <summary>Lists every adjustment set Z with I ⊆ Z ⊆ R, lazily, with polynomial delay O(n(n + m)). There can be
    /// exponentially many: cap with <paramref name="maxResults"/> or cancel.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <param name="maxResults">Stop after this many sets.</param>
    /// <param name="cancellationToken">Cancels the enumeration between results.</param>
    /// <returns>All adjustment sets in the range, each once (empty when none exists).</returns>
    public static IEnumerable<NodeSet> ListAdjustmentSets(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null, int maxResults = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        Arguments.CheckMax(maxResults);
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        if (q.Impossible) return [];
        return Separators.ListIntervals(q.I, q.Allowed, (i, r) => q.Find(i, r) is not null, maxResults, cancellationToken)
            .Select(q.G.Wrap);
    }

    /// <summary>Lists every I-minimal adjustment set, lazily, with polynomial delay O(n³) (Takata's listing on the
    /// augmented graph of G^pbd[An(X ∪ Y ∪ I)], as dagitty's listMsasTotalEffect). The number of minimal sets can be
    /// exponential: cap with <paramref name="maxResults"/> or cancel.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <param name="maxResults">Stop after this many sets.</param>
    /// <param name="cancellationToken">Cancels the enumeration between results.</param>
    /// <returns>The minimal sets; an empty sequence when none exists, a single empty set when no adjustment is needed.</returns>
    /// <example><code>Admg.Parse("x -> y; x &lt;- a -> b -> y").ListMinimalAdjustmentSets(["x"], ["y"])  // {a}, {b}</code></example>
    public static IEnumerable<NodeSet> ListMinimalAdjustmentSets(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null, int maxResults = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        Arguments.CheckMax(maxResults);
        var q = Query.Resolve(g, x, y, mustContain, allowed);
        if (q.Impossible) return [];
        return MinimalSeparatorListing.List(q.G, q.X, q.Y, q.I, q.Allowed, q.Cut, maxResults, cancellationToken).Select(q.G.Wrap);
    }

    /// <summary>An adjustment query: the observed graph, the proper back-door cut and R' = R \ Dpcp.</summary>
    internal sealed class Query
    {
        public required Admg G { get; init; }
        public required ulong[] X { get; init; }
        public required ulong[] Y { get; init; }
        public required ulong[] I { get; init; }
        public required ulong[] R { get; init; }
        public required ulong[] Allowed { get; init; }
        public required EdgeCut Cut { get; init; }

        /// <summary>No set exists whatever Z is: an exposure or a mandatory node lies in Dpcp.</summary>
        public required bool Impossible { get; init; }

        public static Query Resolve(Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string>? mustContain,
            IEnumerable<string>? restrict)
        {
            var s = Separators.Query.Resolve(g, x, y, mustContain, restrict);
            var pcp = ProperCausalPaths.Pcp(s.G, s.X, s.Y);
            var dpcp = s.G.DescendantBits(pcp);
            var allowed = Bits.Except(s.R, dpcp);
            return new Query
            {
                G = s.G, X = s.X, Y = s.Y, I = s.I, R = s.R, Allowed = allowed,
                Cut = ProperCausalPaths.ProperBackdoorCut(s.X, pcp),
                Impossible = Bits.Intersects(s.X, dpcp) || Bits.Intersects(s.I, dpcp),
            };
        }

        /// <summary>FindAdj(I, R): the canonical set of the interval if it satisfies the CBC, else null.</summary>
        public ulong[]? Find(ulong[] i, ulong[] r)
        {
            if (Impossible) return null;
            var allowed = Bits.Intersect(r, Allowed);
            return Separators.Find(G, X, Y, i, allowed, Cut);
        }
    }
}
