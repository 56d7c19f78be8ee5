namespace CausalScript.Graphs;

/// <summary>
/// Checks whether a set is a valid covariate-adjustment set, P(y | do(x)) = Σ_z P(y | x, z) P(z):
/// the generalised adjustment criterion (Shpitser, VanderWeele &amp; Robins 2010, UAI; Perković, Textor, Kalisch &amp;
/// Maathuis 2018, JMLR 18(220)), sound and complete for DAGs and ADMGs, tested in linear time as the constructive
/// back-door criterion (van der Zander, Liśkiewicz &amp; Textor 2019, AIJ 270); and Pearl's (1995) back-door criterion
/// (Biometrika 82:669–688), which is sufficient only. Spec: graph-algorithms.md §4.
/// </summary>
public static class AdjustmentCriterion
{
    /// <summary>Checks the generalised adjustment criterion for Z (CBC): Z ∩ (X ∪ Y ∪ Dpcp(X, Y)) = ∅ and X ⊥ Y | Z in
    /// the proper back-door graph. O(n + m).</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">Exposures X (non-empty).</param>
    /// <param name="y">Outcomes Y (non-empty, disjoint from X).</param>
    /// <param name="z">The candidate adjustment set (disjoint from X and Y).</param>
    /// <returns>The verdict with a reason (forbidden nodes in Z, or an open non-causal path).</returns>
    /// <example><code>Admg.Parse("x &lt;- z -> y; x -> y").CheckAdjustment(["x"], ["y"], ["z"]).IsValid  // true</code></example>
    public static CriterionCheck CheckAdjustment(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z)
    {
        var (o, xs, ys, zs) = Resolve(g, x, y, z);
        return Check(o, xs, ys, zs);
    }

    /// <summary>True when Z satisfies the generalised adjustment criterion (see <see cref="CheckAdjustment"/>).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures.</param>
    /// <param name="y">Outcomes.</param>
    /// <param name="z">Candidate set.</param>
    /// <returns>The verdict.</returns>
    public static bool IsAdjustmentSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z) =>
        g.CheckAdjustment(x, y, z).IsValid;

    /// <summary>Checks Pearl's back-door criterion: Z contains no descendant of X and X ⊥ Y | Z in G_{X̲} (G without the
    /// edges out of X). Sufficient, not necessary, for adjustment. O(n + m).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures.</param>
    /// <param name="y">Outcomes.</param>
    /// <param name="z">Candidate set.</param>
    /// <returns>The verdict with a reason.</returns>
    public static CriterionCheck CheckBackdoor(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z)
    {
        var (o, xs, ys, zs) = Resolve(g, x, y, z);
        var descendants = o.DescendantBits(xs);
        if (Violation(o, Bits.Intersect(zs, descendants), s => $"{s} of the exposures; the back-door criterion forbids descendants of X.") is { } bad)
            return bad;
        var rule = MSeparation.PathRule(o, zs, xs, o.PresentBits.ToArray());
        var path = OpenPaths.Find(o, xs, ys, rule);
        return path is null
            ? CriterionCheck.Valid($"{Format(o, zs)} blocks every back-door path from {Format(o, xs)} to {Format(o, ys)}.")
            : new CriterionCheck(false, $"The back-door path {path} is open given {Format(o, zs)}.", [], path);
    }

    /// <summary>True when Z satisfies Pearl's back-door criterion.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures.</param>
    /// <param name="y">Outcomes.</param>
    /// <param name="z">Candidate set.</param>
    /// <returns>The verdict.</returns>
    public static bool IsBackdoorSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z) =>
        g.CheckBackdoor(x, y, z).IsValid;

    internal static (Admg, ulong[], ulong[], ulong[]) Resolve(Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z)
    {
        var o = Arguments.Observed(g);
        var xs = Arguments.Set(o, x, "exposure", required: true);
        var ys = Arguments.Set(o, y, "outcome", required: true);
        var zs = Arguments.Set(o, z, "adjustment");
        Arguments.Disjoint(o, xs, "exposure", ys, "outcome");
        Arguments.Disjoint(o, zs, "adjustment", xs, "exposure");
        Arguments.Disjoint(o, zs, "adjustment", ys, "outcome");
        return (o, xs, ys, zs);
    }

    /// <summary>IsAdjustmentSet of the spec: forbidden-set test, then TestSep in G^pbd.</summary>
    internal static CriterionCheck Check(Admg o, ulong[] xs, ulong[] ys, ulong[] zs)
    {
        var pcp = ProperCausalPaths.Pcp(o, xs, ys);
        var forbidden = o.DescendantBits(pcp);
        if (Violation(o, Bits.Intersect(xs, forbidden), s => $"No adjustment set exists: exposure {s} of a node on a proper causal path.") is { } noSet)
            return noSet;
        if (Violation(o, Bits.Intersect(zs, forbidden),
                s => $"{s} of a node on a proper causal path from {Format(o, xs)} to {Format(o, ys)} (a mediator or its descendant) and cannot be adjusted for.") is { } bad)
            return bad;
        var rule = MSeparation.PathRule(o, zs, xs, pcp);
        var path = OpenPaths.Find(o, xs, ys, rule);
        return path is null
            ? CriterionCheck.Valid($"{Format(o, zs)} is a valid adjustment set for the effect of {Format(o, xs)} on {Format(o, ys)}.")
            : new CriterionCheck(false, $"The non-causal path {path} is open given {Format(o, zs)}.", [], path);
    }

    internal static string Format(Admg g, ulong[] bits) => g.Wrap(bits).ToString();

    /// <summary>A failed check naming the nodes of <paramref name="bad"/>, or null when it is empty. The sentence is
    /// built from a subject like "'a' is a descendant" or "'a', 'b' are descendants".</summary>
    private static CriterionCheck? Violation(Admg o, ulong[] bad, Func<string, string> sentence)
    {
        if (Bits.IsEmpty(bad)) return null;
        var names = Bits.Enumerate(bad).Select(o.Name).ToArray();
        var subject = names.Length == 1 ? $"'{names[0]}' is a descendant" : string.Join(", ", names.Select(n => $"'{n}'")) + " are descendants";
        return new CriterionCheck(false, sentence(subject), names, null);
    }
}
