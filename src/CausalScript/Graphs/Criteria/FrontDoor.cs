namespace CausalScript.Graphs;

/// <summary>
/// The front-door criterion (Pearl 1995, Biometrika 82:669–688) and finding and listing front-door adjustment sets in
/// linear time / polynomial delay: Wienöbst, van der Zander &amp; Liśkiewicz (2024), "Linear-time algorithms for
/// front-door adjustment in causal graphs", AAAI [WvZL24], improving on Jeong, Tian &amp; Bareinboim (2022), "Finding
/// and listing front-door adjustment sets", NeurIPS. Z is a front-door set for (X, Y) iff (1) Z intercepts every
/// directed path from X to Y, (2) there is no open back-door path from X to Z (X ⊥ Z in G_{X̲}), and (3) Z ⊥ Y | X
/// in G_{Z̲}; then P(y | do(x)) = Σ_z P(z | x) Σ_x' P(y | x', z) P(x'). Spec: graph-algorithms.md §7.
/// </summary>
/// <remarks>The searches run on the canonical DAG (each u ↔ v replaced by a fresh latent ℓ → u, ℓ → v), still O(n + m).</remarks>
public static class FrontDoor
{
    /// <summary>Checks the three front-door conditions for Z directly. O(n + m).</summary>
    /// <param name="g">The graph (latent nodes are projected out first).</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="z">The candidate set (disjoint from X and Y).</param>
    /// <returns>The verdict, naming the condition that fails.</returns>
    public static CriterionCheck CheckFrontDoor(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z)
    {
        var (o, xs, ys, zs) = AdjustmentCriterion.Resolve(g, x, y, z);
        string F(ulong[] b) => AdjustmentCriterion.Format(o, b);
        if (ReachesAvoiding(o, xs, ys, zs))
            return new(false, $"Condition 1 fails: a directed path from {F(xs)} to {F(ys)} avoids {F(zs)}.", [], null);
        var path = OpenPaths.Find(o, xs, zs, MSeparation.PathRule(o, Bits.New(o.N), xs, o.PresentBits.ToArray()));
        if (path is not null)
            return new(false, $"Condition 2 fails: the back-door path {path} from the exposures to the front-door set is open.", [], path);
        path = OpenPaths.Find(o, zs, ys, MSeparation.PathRule(o, xs, zs, o.PresentBits.ToArray()));
        if (path is not null)
            return new(false, $"Condition 3 fails: the back-door path {path} from the front-door set to the outcomes is open given {F(xs)}.", [], path);
        return CriterionCheck.Valid($"{F(zs)} satisfies the front-door criterion for the effect of {F(xs)} on {F(ys)}.");
    }

    /// <summary>True when Z satisfies the front-door criterion (see <see cref="CheckFrontDoor"/>).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures.</param>
    /// <param name="y">Outcomes.</param>
    /// <param name="z">Candidate set.</param>
    /// <returns>The verdict.</returns>
    public static bool IsFrontDoorSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string> z) =>
        g.CheckFrontDoor(x, y, z).IsValid;

    /// <summary>The maximal front-door set within [I, R] (FindFD of WvZL24: the unique largest set satisfying
    /// conditions 2 and 3, returned iff it also satisfies condition 1), or null when no front-door set exists there.
    /// When no directed path leads from X to Y the criterion holds trivially. O(n + m).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Mandatory nodes I; null = none.</param>
    /// <param name="allowed">Allowed nodes R; null = every observed node outside X ∪ Y.</param>
    /// <returns>The maximal front-door set, or null.</returns>
    public static NodeSet? FindFrontDoorSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null)
    {
        var q = Canonical.Resolve(g, x, y, mustContain, allowed);
        var z = q.FindMaximal(q.I, q.R);
        return z is null ? null : q.Output(z);
    }

    /// <summary>An I-minimal front-door set (FindMinFD of WvZL24), or null when none exists. O(n + m).</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <returns>A minimal front-door set, or null.</returns>
    public static NodeSet? FindMinimalFrontDoorSet(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null)
    {
        var q = Canonical.Resolve(g, x, y, mustContain, allowed);
        var z = q.FindMinimal();
        return z is null ? null : q.Output(z);
    }

    /// <summary>Lists every front-door set Z with I ⊆ Z ⊆ R, lazily, with delay O(n(n + m)) (ListSep recursion with
    /// FindFD as the oracle; exact because front-door sets exist in [I, R] iff I ⊆ Zii(R) and Zii(R) satisfies
    /// condition 1, which is monotone). Exponentially many sets are possible: cap or cancel.</summary>
    /// <param name="g">The graph.</param>
    /// <param name="x">Exposures X.</param>
    /// <param name="y">Outcomes Y.</param>
    /// <param name="mustContain">Mandatory nodes I.</param>
    /// <param name="allowed">Allowed nodes R.</param>
    /// <param name="maxResults">Stop after this many sets.</param>
    /// <param name="cancellationToken">Cancels the enumeration between results.</param>
    /// <returns>All front-door sets in the range.</returns>
    public static IEnumerable<NodeSet> ListFrontDoorSets(this Admg g, IEnumerable<string> x, IEnumerable<string> y,
        IEnumerable<string>? mustContain = null, IEnumerable<string>? allowed = null, int maxResults = int.MaxValue,
        CancellationToken cancellationToken = default)
    {
        Arguments.CheckMax(maxResults);
        var q = Canonical.Resolve(g, x, y, mustContain, allowed);
        return Separators.ListIntervals(q.I, q.R, (i, r) => q.FindMaximal(i, r) is not null, maxResults, cancellationToken)
            .Select(q.Output);
    }

    /// <summary>True when a directed path from X reaches Y without entering Z.</summary>
    internal static bool ReachesAvoiding(Admg o, ulong[] x, ulong[] y, ulong[] z) => ReachesAvoiding(o.Core, x, y, z);

    private static bool ReachesAvoiding(GraphCore core, ulong[] x, ulong[] y, ulong[] z)
    {
        var seen = Bits.Copy(x);
        var stack = new Stack<int>(Bits.Enumerate(x));
        while (stack.Count > 0)
        {
            var v = stack.Pop();
            foreach (var c in core.Children(v))
            {
                if (Bits.Get(z, c) || !Bits.TrySet(seen, c)) continue;
                if (Bits.Get(y, c)) return true;
                stack.Push(c);
            }
        }
        return false;
    }

    /// <summary>A front-door query on the canonical DAG: observed ids 0..n−1 unchanged, one latent per bidirected edge
    /// appended. Sets are bitsets over the extended id space.</summary>
    private sealed class Canonical
    {
        private Admg G = null!;
        private GraphCore Dag = null!;
        private int Size;
        public ulong[] X = null!, Y = null!, I = null!, R = null!;
        private ulong[] _ancestorsOfY = null!, _backDoor = null!;

        public static Canonical Resolve(Admg g, IEnumerable<string> x, IEnumerable<string> y, IEnumerable<string>? mustContain,
            IEnumerable<string>? restrict)
        {
            var s = Separators.Query.Resolve(g, x, y, mustContain, restrict);
            var o = s.G;
            var bidirected = o.Core.BidirectedEdges();
            var size = o.N + bidirected.Count;
            var directed = o.Core.DirectedEdges();
            for (var k = 0; k < bidirected.Count; k++)
            {
                directed.Add((o.N + k, bidirected[k].A));
                directed.Add((o.N + k, bidirected[k].B));
            }
            var q = new Canonical
            {
                G = o, Size = size, Dag = GraphCore.Build(size, directed, []),
                X = Widen(s.X, size), Y = Widen(s.Y, size), I = Widen(s.I, size), R = Widen(s.R, size),
            };
            q._ancestorsOfY = Closure(q.Dag, q.Y, q.Dag.PaStart, q.Dag.Pa, size);
            // Step 1's BD depends on X only, so listings (one FindFD per interval) compute it once.
            q._backDoor = Reachability.Nodes(Reachability.Run(q.Dag, q.X, new BackDoorFromX(q.X)), size, 0b110);
            return q;
        }

        private static ulong[] Widen(ulong[] bits, int size)
        {
            var r = Bits.New(size);
            bits.AsSpan().CopyTo(r);
            return r;
        }

        public NodeSet Output(ulong[] z) => G.Wrap(z.AsSpan(0, Bits.Words(G.N)).ToArray());

        /// <summary>FindFD(I, R): steps 1–5 of WvZL24's Find as in the spec.</summary>
        public ulong[]? FindMaximal(ulong[] i, ulong[] r)
        {
            // 1. Zi = R \ BD, BD = nodes with an open proper back-door path from X given ∅.
            var zi = Bits.Except(r, _backDoor);
            // 2–3. F = nodes that cannot be in any set satisfying conditions 2 and 3.
            var f = Reachability.Nodes(Reachability.Run(Dag, Y, new ForbiddenFromY(X, zi, _ancestorsOfY)), Size);
            // 4. Zii = Zi \ F: the unique maximum set satisfying conditions 2 and 3 within R.
            var zii = Bits.Except(zi, f);
            // 5. I ⊆ Zii and Zii intercepts every directed path from X to Y.
            if (!Bits.IsSubset(i, zii) || ReachesAvoiding(Dag, X, Y, zii)) return null;
            return zii;
        }

        /// <summary>FindMinFD of WvZL24 (steps as in the spec).</summary>
        public ulong[]? FindMinimal()
        {
            var zii = FindMaximal(I, R);
            if (zii is null) return null;
            var xy = Bits.Union(X, Y);
            // 2. Za: Zii nodes with a directed path into Y free of other Zii nodes (up from Y, stop at Zii).
            var za = FirstHits(Y, Dag.PaStart, Dag.Pa, skip: xy, targets: zii);
            // 3. Zxy: Za nodes reached going down from X, expanding only outside Za, never entering X ∪ Y ∪ I.
            var zxy = FirstHits(X, Dag.ChStart, Dag.Ch, skip: Bits.Union(xy, I), targets: za);
            // 4. Zzy = Za ∩ nodes reached from I ∪ Zxy under the minimality rules.
            var starts = Bits.Union(I, zxy);
            var reached = Reachability.Nodes(Reachability.Run(Dag, starts, new MinimalityRule(X, I, zxy, za)), Size);
            var zzy = Bits.Intersect(za, reached);
            // 5. I ∪ Zxy ∪ Zzy.
            var result = Bits.Union(I, zxy);
            Bits.Or(result, zzy);
            return result;
        }

        /// <summary>A directed search (along <paramref name="list"/>) from <paramref name="start"/> that never enters
        /// <paramref name="skip"/> and stops at <paramref name="targets"/>: the targets it meets first.</summary>
        private static ulong[] FirstHits(ulong[] start, int[] idx, int[] list, ulong[] skip, ulong[] targets)
        {
            var hits = Bits.New(targets.Length * 64);
            var seen = Bits.Copy(start);
            var stack = new Stack<int>(Bits.Enumerate(start));
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                for (var k = idx[v]; k < idx[v + 1]; k++)
                {
                    var w = list[k];
                    if (Bits.Get(skip, w) || !Bits.TrySet(seen, w)) continue;
                    if (Bits.Get(targets, w)) Bits.Set(hits, w);
                    else stack.Push(w);
                }
            }
            return hits;
        }

        private static ulong[] Closure(GraphCore g, ulong[] start, int[] idx, int[] list, int size)
        {
            var seen = Bits.Copy(start);
            var stack = new Stack<int>(Bits.Enumerate(start));
            while (stack.Count > 0)
            {
                var v = stack.Pop();
                for (var k = idx[v]; k < idx[v + 1]; k++)
                    if (Bits.TrySet(seen, list[k])) stack.Push(list[k]);
            }
            return seen;
        }
    }

    /// <summary>Step 1 (BD): the first move goes up and does not enter X; later moves are non-collider moves that do
    /// not enter X.</summary>
    private readonly struct BackDoorFromX(ulong[] x) : IMoveRule
    {
        public bool Allow(int v, Entry entered, Entry atV, int w, Entry atW)
        {
            if (Bits.Get(x, w)) return false;
            if (entered == Entry.Start) return atV == Entry.Head && atW == Entry.Tail;
            return !Reachability.IsCollider(entered, atV);
        }
    }

    /// <summary>Step 3 (F): down from v iff v ∉ X; up from v entered as start or by a tail iff v ∉ X and the target
    /// is not in Zi; up from v entered by an arrowhead (a collider) iff v ∈ An(Y) and the target is not in Zi.</summary>
    private readonly struct ForbiddenFromY(ulong[] x, ulong[] zi, ulong[] ancestorsOfY) : IMoveRule
    {
        public bool Allow(int v, Entry entered, Entry atV, int w, Entry atW)
        {
            if (atV == Entry.Tail) return !Bits.Get(x, v);                       // down
            if (entered == Entry.Head) return Bits.Get(ancestorsOfY, v) && !Bits.Get(zi, w);
            return !Bits.Get(x, v) && !Bits.Get(zi, w);
        }
    }

    /// <summary>Step 4 of FindMinFD: up from S or T iff the target ∉ X ∪ I ∪ Zxy; down from T or H iff the target ∉ X
    /// and v ∉ I ∪ Za; up from H (collider) iff v ∈ I ∪ Za and the target ∉ X ∪ I ∪ Zxy.</summary>
    private readonly struct MinimalityRule(ulong[] x, ulong[] i, ulong[] zxy, ulong[] za) : IMoveRule
    {
        public bool Allow(int v, Entry entered, Entry atV, int w, Entry atW)
        {
            var targetBlocked = Bits.Get(x, w) || Bits.Get(i, w) || Bits.Get(zxy, w);
            var vInIza = Bits.Get(i, v) || Bits.Get(za, v);
            if (atV == Entry.Tail) return entered != Entry.Start && !Bits.Get(x, w) && !vInIza;  // down
            if (entered == Entry.Head) return vInIza && !targetBlocked;                          // up through a collider
            return !targetBlocked;                                                               // up from S or T
        }
    }
}
