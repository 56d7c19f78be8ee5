using System.Collections.Concurrent;
using CausalScript.Graphs;
using CausalScript.Identification;

namespace CausalScript.Benchmarks;

/// <summary>A random DAG with hidden nodes and its latent projection.</summary>
/// <param name="Dag">The DAG over observed and hidden nodes (hidden ones flagged latent).</param>
/// <param name="Projection">Its latent projection: the ADMG over the observed nodes that ID works on.</param>
/// <param name="Order">Observed node names in generation (topological) order.</param>
/// <param name="Hidden">Number of hidden nodes.</param>
public sealed record HiddenDag(Admg Dag, Admg Projection, string[] Order, int Hidden)
{
    /// <summary>District sizes of the projection, largest first.</summary>
    public int[] DistrictSizes { get; } = Projection.Districts().Select(d => d.Count).OrderDescending().ToArray();

    /// <summary>The size of the district a node lies in, median over the observed nodes (the district of a typical
    /// node; the median over districts would be 1 whenever most districts are single nodes).</summary>
    public double NodeMedianDistrictSize => IdWorkloads.Median(DistrictSizes.SelectMany(s => Enumerable.Repeat((double)s, s)));
}

/// <summary>One ID query: P(Y | do(X)) on a projection, with its kind.</summary>
/// <param name="Outcomes">Y.</param>
/// <param name="Treatments">X.</param>
/// <param name="Multi">True for a multi-treatment/multi-outcome query, false for a single treatment and outcome.</param>
/// <param name="Relaxed">True when the query was drawn under the relaxed rule (see <see cref="IdWorkloads.RelaxAfter"/>).</param>
public sealed record IdQuery(string[] Outcomes, string[] Treatments, bool Multi, bool Relaxed)
{
    /// <summary>The query for <see cref="Identify.Effect"/>.</summary>
    public CausalQuery Query { get; } = CausalQuery.P(Outcomes).Do(Treatments);
}

/// <summary>The graphs and queries of one size, with what the ID algorithm returns for them.</summary>
/// <param name="Graph">The graph.</param>
/// <param name="Queries">The queries (<see cref="IdWorkloads.QueriesPerSize"/> of them).</param>
public sealed record IdWorkload(HiddenDag Graph, IdQuery[] Queries)
{
    /// <summary>How many queries ID identifies.</summary>
    public int IdentifiedCount => Queries.Count(q => Id.Identify(Graph.Projection, q.Outcomes, q.Treatments) is Identified);

    /// <summary>How many queries <see cref="Identify.Effect"/> answers by adjustment or front door (before ID).</summary>
    public int ShortcutCount => Queries.Count(q => Identify.Effect(Graph.Projection, q.Query).Derivation.Steps is [{ Line: 0 }]);
}

/// <summary>
/// Seeded workloads of the ID benchmarks: random DAGs with many hidden confounders, projected to ADMGs with large
/// districts, and a fixed set of queries per size with the treatments deep in the topological order.
/// </summary>
/// <remarks>
/// Graph model (n observed nodes, seed): the observed part is <see cref="RandomDag"/>'s model — a random topological
/// order v0 … v(n−1), node v_i gets Poisson(<see cref="ObservedDegree"/> / 2) parents drawn uniformly from the earlier
/// nodes. Then h = <see cref="HiddenPerObserved"/> · n hidden nodes u0 … u(h−1): each gets 2 + Poisson(<see
/// cref="ExtraChildren"/>) observed children drawn uniformly without replacement from a window of <see
/// cref="WindowFraction"/> · n consecutive positions of the order (at least <see cref="MinWindow"/>) placed uniformly,
/// and, with probability
/// <see cref="HiddenParentProbability"/>, one observed parent drawn uniformly from the nodes before its first child
/// (when there is one). The projection turns every hidden node into a clique of ↔ edges among its children and a →
/// edge from its parent to each child. All nodes (observed and hidden) are declared to the builder in a random order.
/// <para>Queries: single — X drawn uniformly from positions [n/2, 0.8 n) of the order, Y uniform among the proper
/// descendants of X; multi — two distinct treatments from positions [0.3 n, 0.8 n), two distinct outcomes uniform
/// among De(X) \ X. Every second query (odd index) is <i>confounded</i>: its (first) outcome v is drawn only from the
/// descendants for which, in G[An(v)], a treatment shares its district with one of its children — a single-treatment
/// confounded query is therefore not identifiable, a multi one usually not. Draws without a (confounded) descendant,
/// and repeats of an earlier query, are redrawn; when a query fails <see cref="RelaxAfter"/> times in a row, the rule
/// is relaxed (see there). The first half of the queries are single, the second multi.</para>
/// </remarks>
public static class IdWorkloads
{
    /// <summary>Observed node counts of the benchmark.</summary>
    public static readonly int[] Sizes = [10, 20, 50, 100, 200];

    /// <summary>Queries per size: half single, half multi.</summary>
    public const int QueriesPerSize = 20;

    /// <summary>Expected total degree of the observed DAG (sparse).</summary>
    public const double ObservedDegree = 3.0;

    /// <summary>Hidden nodes per observed node.</summary>
    public const double HiddenPerObserved = 1.0;

    /// <summary>Mean number of observed children of a hidden node beyond the first two.</summary>
    public const double ExtraChildren = 0.5;

    /// <summary>A hidden node's children lie in a window of this fraction of the order (at least <see cref="MinWindow"/>
    /// positions): a confounder acts on variables that are close in the causal order.</summary>
    public const double WindowFraction = 0.2;

    /// <summary>The smallest window of a hidden node's children.</summary>
    public const int MinWindow = 6;

    /// <summary>Probability that a hidden node has an observed parent.</summary>
    public const double HiddenParentProbability = 0.5;

    /// <summary>Failed draws for one query after which its treatments may come from anywhere in [0, 0.8 n); after
    /// twice as many a confounded query takes any descendant; after three times as many the draw gives up.</summary>
    public const int RelaxAfter = 1000;

    /// <summary>Graph seed; the query draws use <c>Seed + 1</c>.</summary>
    public const int Seed = 1;

    private static readonly ConcurrentDictionary<(int, int), HiddenDag> Graphs = new();
    private static readonly ConcurrentDictionary<int, IdWorkload> Cache = new();

    /// <summary>The benchmark workload of size n (cached).</summary>
    public static IdWorkload For(int n) => Cache.GetOrAdd(n, _ =>
    {
        var g = Graph(n, Seed);
        return new IdWorkload(g, DrawQueries(g, new Random(Seed + 1), QueriesPerSize));
    });

    /// <summary>The random DAG with hidden nodes (cached).</summary>
    public static HiddenDag Graph(int n, int seed) => Graphs.GetOrAdd((n, seed), k => Generate(k.Item1, k.Item2));

    /// <summary>Generates a random DAG with hidden nodes (see the class remarks).</summary>
    /// <param name="n">Observed nodes.</param>
    /// <param name="seed">The seed.</param>
    public static HiddenDag Generate(int n, int seed)
    {
        var rng = new Random(seed);
        var order = new string[n];
        for (var i = 0; i < n; i++) order[i] = "v" + i;
        var h = (int)Math.Round(HiddenPerObserved * n);
        var hidden = new string[h];
        for (var i = 0; i < h; i++) hidden[i] = "u" + i;

        var edges = new List<(string, string)>();
        var chosen = new HashSet<int>();
        for (var i = 1; i < n; i++)
        {
            var k = Math.Min(i, Poisson(rng, ObservedDegree / 2));
            chosen.Clear();
            while (chosen.Count < k) chosen.Add(rng.Next(i));
            foreach (var p in chosen.Order()) edges.Add((order[p], order[i]));
        }
        for (var j = 0; j < h; j++)
        {
            var window = Math.Min(n, Math.Max(MinWindow, (int)(WindowFraction * n)));
            var k = Math.Min(window, 2 + Poisson(rng, ExtraChildren));
            var start = rng.Next(n - window + 1);
            chosen.Clear();
            while (chosen.Count < k) chosen.Add(start + rng.Next(window));
            var first = chosen.Min();
            if (rng.NextDouble() < HiddenParentProbability && first > 0) edges.Add((order[rng.Next(first)], hidden[j]));
            foreach (var c in chosen.Order()) edges.Add((hidden[j], order[c]));
        }

        var declared = order.Concat(hidden).ToArray();
        for (var i = declared.Length - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (declared[i], declared[j]) = (declared[j], declared[i]);
        }
        var b = Admg.CreateBuilder().Nodes(declared).Latent(hidden);
        foreach (var (from, to) in edges) b.Edge(from, to);
        var dag = b.Build();
        return new HiddenDag(dag, dag.ProjectLatents(), order, h);
    }

    /// <summary>Draws queries (see the class remarks): the first half single, the rest multi.</summary>
    public static IdQuery[] DrawQueries(HiddenDag g, Random rng, int count)
    {
        var n = g.Order.Length;
        var p = g.Projection;
        var result = new List<IdQuery>();
        for (var failures = 0; result.Count < count; failures++)
        {
            if (failures >= 3 * RelaxAfter) throw new InvalidOperationException($"Only {result.Count} queries found for n = {n}.");
            var multi = result.Count >= count / 2;
            var relaxed = failures >= RelaxAfter;
            var confounded = result.Count % 2 == 1 && failures < 2 * RelaxAfter;
            var lo = relaxed ? 0 : multi ? n * 3 / 10 : n / 2;
            var span = Math.Max(multi ? 2 : 1, n * 8 / 10 - lo);
            IdQuery? q = null;
            if (!multi)
            {
                var x = g.Order[lo + rng.Next(span)];
                var below = Below(p, [x], confounded);
                if (below.Length > 0) q = new IdQuery([below[rng.Next(below.Length)]], [x], false, relaxed);
            }
            else
            {
                var (i, j) = (lo + rng.Next(span), lo + rng.Next(span));
                if (i == j) continue;
                string[] xs = [g.Order[i], g.Order[j]];
                var first = Below(p, xs, confounded);
                var below = Below(p, xs, false);
                if (first.Length >= 1 && below.Length >= 2)
                {
                    var a = first[rng.Next(first.Length)];
                    var others = below.Where(v => v != a).ToArray();
                    q = new IdQuery([a, others[rng.Next(others.Length)]], xs, true, relaxed);
                }
            }
            if (q is null || result.Any(r => r.Outcomes.SequenceEqual(q.Outcomes) && r.Treatments.Order().SequenceEqual(q.Treatments.Order()))) continue;
            result.Add(q);
            failures = -1;
        }
        return result.ToArray();
    }

    /// <summary>The proper descendants of the treatments, in declaration order; when <paramref name="confounded"/>,
    /// only those v for which, in G[An(v)], a treatment shares its district with one of its own children (Tian &amp;
    /// Pearl's condition: for a single treatment, exactly the v for which P(v | do(x)) is not identifiable).</summary>
    private static string[] Below(Admg p, string[] xs, bool confounded)
    {
        var below = p.Descendants(xs).Where(v => !xs.Contains(v));
        if (confounded)
            below = below.Where(v =>
            {
                var sub = p.InducedSubgraph(p.Ancestors(v));
                return xs.Where(sub.Contains).Any(x => sub.District(x).Overlaps(sub.Children(x)));
            });
        return below.ToArray();
    }

    /// <summary>The median of a sequence.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var a = values.Order().ToArray();
        if (a.Length == 0) return double.NaN;
        return a.Length % 2 == 1 ? a[a.Length / 2] : (a[a.Length / 2 - 1] + a[a.Length / 2]) / 2;
    }

    /// <summary>Knuth's multiplication method; fine for the small means used here.</summary>
    private static int Poisson(Random rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var k = 0;
        var q = rng.NextDouble();
        while (q > limit)
        {
            k++;
            q *= rng.NextDouble();
        }
        return k;
    }
}
