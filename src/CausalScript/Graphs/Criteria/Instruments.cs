namespace CausalScript.Graphs;

/// <summary>A conditional instrument: <see cref="Instrument"/> is a valid instrument for the effect of x on y given
/// <see cref="Given"/> (two-stage least squares with these covariates is consistent in a linear SEM).</summary>
/// <param name="Instrument">The instrument z.</param>
/// <param name="Given">The conditioning set W (may be empty).</param>
public sealed record ConditionalInstrument(string Instrument, NodeSet Given)
{
    /// <summary>Renders <c>z | {w}</c>.</summary>
    public override string ToString() => Given.IsEmpty ? Instrument : $"{Instrument} | {Given}";
}

/// <summary>
/// Instrumental variables, including conditional instruments, for the total effect of a single x on a single y in a
/// linear SEM: Brito &amp; Pearl (2002), "Generalized instrumental variables", UAI; van der Zander, Textor &amp;
/// Liśkiewicz (2015), "Efficiently finding conditional instruments for causal inference", IJCAI (ancestral
/// instruments via nearest separators); validity as in Henckel, Buttenschön &amp; Maathuis (2024), "Graphical tools for
/// selecting conditional instrumental sets", Biometrika (complete for consistency of 2SLS). Spec: graph-algorithms.md §8.
/// (z, W) is valid iff ({z} ∪ W) ∩ forb = ∅, x ⊥̸ z | W in G, and y ⊥ z | W in G̃, where cn = (De(x) ∩ An(y)) \ {x},
/// forb = De(cn) ∪ {x}, and G̃ is G without the edges x → c, c ∈ cn.
/// </summary>
public static class Instruments
{
    /// <summary>Checks whether z is a valid instrument for x → y given W. O(n + m).</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">The exposure.</param>
    /// <param name="y">The outcome.</param>
    /// <param name="z">The candidate instrument.</param>
    /// <param name="given">The conditioning set W; null = none.</param>
    /// <returns>The verdict with the failing condition.</returns>
    public static CriterionCheck CheckConditionalInstrument(this Admg g, string x, string y, string z, IEnumerable<string>? given = null)
    {
        var q = Query.Resolve(g, x, y);
        var zs = Arguments.Set(q.G, [z], "instrument");
        var ws = Arguments.Set(q.G, given, "conditioning");
        Arguments.Disjoint(q.G, zs, "instrument", ws, "conditioning");
        foreach (var (set, role) in new[] { (zs, "instrument"), (ws, "conditioning") })
        {
            var bad = Bits.Intersect(set, q.Forbidden);
            if (!Bits.IsEmpty(bad))
            {
                var names = Bits.Enumerate(bad).Select(q.G.Name).ToArray();
                return new(false, $"'{names[0]}' (in the {role} set) is the exposure or a descendant of a node on a causal path from '{x}' to '{y}'.", names, null);
            }
        }
        if (Bits.Intersects(ws, q.Y))
            return new(false, $"The conditioning set contains the outcome '{y}'.", [y], null);
        if (MSeparation.Separated(q.G, q.X, zs, ws))
            return new(false, $"'{z}' is independent of the exposure '{x}' given {q.G.Wrap(ws)}: the instrument is irrelevant.", [z], null);
        var path = OpenPaths.Find(q.G, zs, q.Y, MSeparation.PathRule(q.G, ws, q.Cut.From, q.Cut.To));
        if (path is not null)
            return new(false, $"The path {path} from the instrument to the outcome bypasses the exposure's causal effect and is open given {q.G.Wrap(ws)}.", [], path);
        return CriterionCheck.Valid($"'{z}' is a valid instrument for the effect of '{x}' on '{y}' given {q.G.Wrap(ws)}.");
    }

    /// <summary>True when z is a valid conditional instrument (see <see cref="CheckConditionalInstrument"/>).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">The exposure.</param>
    /// <param name="y">The outcome.</param>
    /// <param name="z">The candidate instrument.</param>
    /// <param name="given">The conditioning set.</param>
    /// <returns>The verdict.</returns>
    public static bool IsConditionalInstrument(this Admg g, string x, string y, string z, IEnumerable<string>? given = null) =>
        g.CheckConditionalInstrument(x, y, z, given).IsValid;

    /// <summary>Finds conditional instruments: for each candidate z, the conditioning set W is the separator of y and z
    /// in G̃ nearest to y (so W ⊆ An(y, z): an ancestral instrument), kept when z stays dependent on x given W.
    /// Sound, and finds some instrument whenever one exists; it is not exhaustive per z (an instrument that needs a
    /// collider-opening W outside An(y, z) is not reported). O(n(n + m)) in total, lazily.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">The exposure.</param>
    /// <param name="y">The outcome.</param>
    /// <param name="maxResults">Stop after this many instruments.</param>
    /// <param name="cancellationToken">Cancels between candidates.</param>
    /// <returns>Instruments in node order.</returns>
    public static IEnumerable<ConditionalInstrument> ConditionalInstruments(this Admg g, string x, string y,
        int maxResults = int.MaxValue, CancellationToken cancellationToken = default)
    {
        Arguments.CheckMax(maxResults);
        var q = Query.Resolve(g, x, y);
        return Enumerate(q, maxResults, cancellationToken);
    }

    private static IEnumerable<ConditionalInstrument> Enumerate(Query q, int maxResults, CancellationToken cancellationToken)
    {
        if (maxResults == 0) yield break;
        var candidates = Bits.Except(q.G.PresentBits, q.Forbidden);
        Bits.AndNot(candidates, q.Y);
        var count = 0;
        foreach (var z in Bits.Enumerate(candidates))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var zs = Bits.New(q.G.N);
            Bits.Set(zs, z);
            var allowed = Bits.Except(candidates, zs);
            var w = Separators.Nearest(q.G, q.Y, zs, Bits.New(q.G.N), allowed, q.Cut);
            if (w is null || MSeparation.Separated(q.G, q.X, zs, w)) continue;
            yield return new ConditionalInstrument(q.G.Name(z), q.G.Wrap(w));
            if (++count >= maxResults) yield break;
        }
    }

    private sealed record Query(Admg G, ulong[] X, ulong[] Y, ulong[] Forbidden, EdgeCut Cut)
    {
        public static Query Resolve(Admg g, string x, string y)
        {
            var o = Arguments.Observed(g);
            var xs = Arguments.Set(o, [x], "exposure", required: true);
            var ys = Arguments.Set(o, [y], "outcome", required: true);
            Arguments.Disjoint(o, xs, "exposure", ys, "outcome");
            // cn = (De(x) ∩ An(y)) \ {x}; forb = De(cn) ∪ {x}; G̃ = G without x → c for c ∈ cn.
            var cn = Bits.Intersect(o.DescendantBits(xs), o.AncestorBits(ys));
            Bits.AndNot(cn, xs);
            var forb = o.DescendantBits(cn);
            Bits.Or(forb, xs);
            return new Query(o, xs, ys, forb, new EdgeCut(xs, cn));
        }
    }
}
