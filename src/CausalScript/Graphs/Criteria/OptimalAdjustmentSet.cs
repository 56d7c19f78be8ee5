namespace CausalScript.Graphs;

/// <summary>Whether an optimal adjustment set was found.</summary>
public enum OptimalAdjustmentStatus
{
    /// <summary>The O-set was found; it is a valid adjustment set.</summary>
    Found,

    /// <summary>Not defined: some outcome is not a descendant of the exposures (the effect is null by the graph).</summary>
    NotApplicable,

    /// <summary>No valid adjustment set exists at all.</summary>
    NoValidSet,
}

/// <summary>The result of <see cref="OptimalAdjustment.OptimalAdjustmentSet"/>.</summary>
/// <param name="Status">Found, not applicable, or no valid set.</param>
/// <param name="Set">The set when <see cref="Status"/> is <see cref="OptimalAdjustmentStatus.Found"/>, else null.</param>
/// <param name="IsGuaranteedOptimal">True when the set is proven to give the smallest asymptotic variance among valid
/// sets (Henckel et al. 2022 for graphs without bidirected edges); false for ADMGs, where the set is valid but Runge's
/// (2021) optimality conditions are not checked.</param>
public sealed record OptimalAdjustmentResult(OptimalAdjustmentStatus Status, NodeSet? Set, bool IsGuaranteedOptimal)
{
    /// <summary>The status and the set.</summary>
    public override string ToString() => Status == OptimalAdjustmentStatus.Found ? $"{Set}{(IsGuaranteedOptimal ? "" : " (valid; optimality not guaranteed)")}" : Status.ToString();
}

/// <summary>
/// The optimal adjustment set O(X, Y) = pa(cn) \ forb: Henckel, Perković &amp; Maathuis (2022), "Graphical criteria for
/// efficient total effect estimation via adjustment in causal linear models", JRSS-B 84(2):579–599; Rotnitzky &amp;
/// Smucler (2020), JMLR 21(188) (non-parametric efficiency). ADMG extension after Runge (2021), "Necessary and
/// sufficient graphical conditions for optimal adjustment sets in causal graphical models with hidden variables",
/// NeurIPS. Spec: graph-algorithms.md §6.
/// </summary>
public static class OptimalAdjustment
{
    /// <summary>The optimal adjustment set: valid whenever any adjustment set is valid, and (for DAGs) the one with the
    /// smallest asymptotic variance, every other efficient set being a superset of it. O(n + m) plus one m-separation
    /// search per bidirected neighbour visited.</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y (each must be a descendant of X).</param>
    /// <returns>The status and set.</returns>
    public static OptimalAdjustmentResult OptimalAdjustmentSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y)
    {
        var o = Arguments.Observed(g);
        var xs = Arguments.Set(o, x, "exposure", required: true);
        var ys = Arguments.Set(o, y, "outcome", required: true);
        Arguments.Disjoint(o, xs, "exposure", ys, "outcome");
        var guaranteed = o.Core.BidirectedCount == 0;

        // 1. O is defined only when Y ⊆ De(X).
        if (!Bits.IsSubset(ys, o.DescendantBits(xs))) return new(OptimalAdjustmentStatus.NotApplicable, null, guaranteed);
        // 2. cn = pcp(X, Y), forb = De(cn) ∪ X; a valid set exists (in a DAG) iff X ∩ De(cn) = ∅.
        var cn = ProperCausalPaths.Pcp(o, xs, ys);
        var deCn = o.DescendantBits(cn);
        if (Bits.Intersects(xs, deCn)) return new(OptimalAdjustmentStatus.NoValidSet, null, guaranteed);
        var forb = Bits.Union(deCn, xs);
        // 3. O = pa(cn) \ forb (parents in G, not in the proper back-door graph).
        var set = Parents(o, cn);
        Bits.AndNot(set, forb);
        if (guaranteed) return new(OptimalAdjustmentStatus.Found, o.Wrap(set), true);

        // 4. ADMG extension: walk bidirected edges from cn, collecting spouses C that must be adjusted for.
        var anXy = o.AncestorBits(Bits.Union(xs, ys));
        Bits.AndNot(anXy, forb);
        var given = Bits.Union(set, anXy);
        var c = Bits.New(o.N);
        var visited = Bits.Copy(cn);
        var stack = new Stack<int>(Bits.Enumerate(cn));
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            foreach (var s in o.Core.Spouses(v))
            {
                if (!Bits.TrySet(visited, s)) continue;
                if (Bits.Get(xs, s)) return new(OptimalAdjustmentStatus.NoValidSet, null, false);
                if (Bits.Get(forb, s)) continue;
                var accept = Bits.Get(anXy, s) || NotConnectedToX(o, s, xs, given);
                if (!accept) continue;
                Bits.Set(c, s);
                stack.Push(s);
            }
        }
        var paC = Parents(o, c);
        if (Bits.Intersects(paC, xs)) return new(OptimalAdjustmentStatus.NoValidSet, null, false);
        Bits.Or(set, c);
        Bits.Or(set, paC);
        return new(OptimalAdjustmentStatus.Found, o.Wrap(set), false);
    }

    private static bool NotConnectedToX(Admg o, int s, ulong[] xs, ulong[] given)
    {
        var single = Bits.New(o.N);
        Bits.Set(single, s);
        var z = Bits.Except(given, single);
        return MSeparation.Separated(o, single, xs, z);
    }

    private static ulong[] Parents(Admg o, ulong[] set)
    {
        var r = Bits.New(o.N);
        foreach (var v in Bits.Enumerate(set)) foreach (var p in o.Core.Parents(v)) Bits.Set(r, p);
        return r;
    }
}
