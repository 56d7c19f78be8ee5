using System.Collections.Concurrent;
using CausalScript.Graphs;

namespace CausalScript.Benchmarks;

/// <summary>An exposure/outcome query on a generated graph, with the sets pre-built as <see cref="NodeSet"/>s of the
/// graph (so the timed calls pay no name lookup).</summary>
public sealed record AdjustmentQuery(GeneratedDag Dag, string X, string Y, int MinimalSetCount)
{
    /// <summary>{X} as a set of the graph.</summary>
    public NodeSet XSet { get; } = Dag.Graph.Set(X);

    /// <summary>{Y} as a set of the graph.</summary>
    public NodeSet YSet { get; } = Dag.Graph.Set(Y);

    /// <summary>|An(X ∪ Y)|: the size of the graph the listing actually works on.</summary>
    public int AncestralSize => Dag.Graph.Ancestors(X, Y).Count;
}

/// <summary>A d-separation query X ⊥ Y | Z with its expected answer.</summary>
public sealed record SeparationQuery(GeneratedDag Dag, NodeSet X, NodeSet Y, NodeSet Z, bool Expected, string Description);

/// <summary>
/// The benchmark workloads: fixed seeds, fixed selection rules, all deterministic. Everything is cached so the
/// benchmark process and the host (for the extra columns) build each graph once.
/// </summary>
public static class Workloads
{
    /// <summary>Expected total degree of the sparse random DAGs.</summary>
    public const double SparseDegree = 3.0;

    /// <summary>Graph seed of the sparse random DAGs (the query rule uses <c>SparseSeed + 1</c>).</summary>
    public const int SparseSeed = 1;

    /// <summary>The dense 100-node case: expected degree 4, seed 19, query v35 → v98 (439 minimal adjustment sets).
    /// Found by <c>--search-dense</c> (see docs/benchmarks.md).</summary>
    public const double DenseDegree = 4.0;

    /// <summary>Seed of the dense 100-node graph.</summary>
    public const int DenseSeed = 19;

    /// <summary>Exposure of the dense query.</summary>
    public const string DenseX = "v35";

    /// <summary>Outcome of the dense query.</summary>
    public const string DenseY = "v98";

    /// <summary>A query is "meaningful" if its number of minimal sets is in [2, this].</summary>
    public const int MaxMeaningfulSets = 1000;

    /// <summary>A query is "meaningful" if |An(X ∪ Y)| is at least this.</summary>
    public const int MinAncestralSize = 10;

    private static readonly ConcurrentDictionary<(int, double, int), GeneratedDag> Graphs = new();
    private static readonly ConcurrentDictionary<int, AdjustmentQuery> SparseQueries = new();
    private static readonly ConcurrentDictionary<int, SeparationQuery[]> SeparationQueries = new();
    private static readonly Lazy<AdjustmentQuery> DenseLazy = new(() =>
    {
        var dag = Graph(100, DenseDegree, DenseSeed);
        return new AdjustmentQuery(dag, DenseX, DenseY, CountMinimalSets(dag.Graph, DenseX, DenseY, int.MaxValue));
    });

    /// <summary>The (cached) random DAG.</summary>
    public static GeneratedDag Graph(int n, double degree, int seed) =>
        Graphs.GetOrAdd((n, degree, seed), k => RandomDag.Generate(k.Item1, k.Item2, k.Item3));

    /// <summary>The sparse random DAG with n nodes used by all sparse benchmarks.</summary>
    public static GeneratedDag Sparse(int n) => Graph(n, SparseDegree, SparseSeed);

    /// <summary>The dense 100-node query.</summary>
    public static AdjustmentQuery Dense => DenseLazy.Value;

    /// <summary>Draws a random query: Y uniform among the last 20% of the topological order, X uniform among the proper
    /// ancestors of Y (so a directed path X ⇝ Y exists). Returns null when the drawn Y has no ancestors.</summary>
    public static (string X, string Y)? DrawAncestorPair(GeneratedDag dag, Random rng)
    {
        var n = dag.Order.Length;
        var y = dag.Order[n - 1 - rng.Next(Math.Max(1, n / 5))];
        var candidates = dag.Graph.Ancestors(y).Where(v => v != y).ToArray();
        if (candidates.Length == 0) return null;
        return (candidates[rng.Next(candidates.Length)], y);
    }

    /// <summary>
    /// The adjustment query of the sparse n-node graph: the first pair drawn by <see cref="DrawAncestorPair"/> (rng seed
    /// <c>SparseSeed + 1</c>) that is meaningful: |An(X ∪ Y)| ≥ 10, the empty set is not an adjustment set (an open
    /// back-door path exists), and the number of minimal adjustment sets is between 2 and 1,000.
    /// </summary>
    public static AdjustmentQuery SparseQuery(int n) => SparseQueries.GetOrAdd(n, _ =>
    {
        var dag = Sparse(n);
        var g = dag.Graph;
        var rng = new Random(SparseSeed + 1);
        for (var draw = 0; draw < 100_000; draw++)
        {
            if (DrawAncestorPair(dag, rng) is not { } pair) continue;
            var (x, y) = pair;
            if (g.Ancestors(x, y).Count < MinAncestralSize) continue;
            if (g.IsAdjustmentSet([x], [y], [])) continue;
            var count = CountMinimalSets(g, x, y, MaxMeaningfulSets + 1);
            if (count >= 2 && count <= MaxMeaningfulSets) return new AdjustmentQuery(dag, x, y, count);
        }
        throw new InvalidOperationException($"No meaningful query found for n = {n}.");
    });

    /// <summary>
    /// The d-separation queries on the sparse n-node graph:
    /// [0] separated: X = the node with the most descendants among the nodes with a parent in the first 5% of the
    /// topological order, Z = pa(X), Y = the last node of the order outside De(X) ∪ pa(X); X ⊥ Y | pa(X) holds by the
    /// local Markov property and the search has to exhaust De(X).
    /// [1] connected: the adjustment query's X and Y given its first minimal adjustment set; the causal path keeps them
    /// d-connected, so the search stops when it reaches Y.
    /// </summary>
    public static SeparationQuery[] Separation(int n) => SeparationQueries.GetOrAdd(n, _ =>
    {
        var dag = Sparse(n);
        var g = dag.Graph;
        var early = dag.Order.Take(Math.Max(2, n / 20)).Where(v => g.Parents(v).Count > 0);
        var x = early.OrderByDescending(v => g.Descendants(v).Count).First();
        var z = g.Parents(x);
        var blocked = g.Descendants(x).Union(z);
        var y = dag.Order.Last(v => !blocked.Contains(v));
        var separated = new SeparationQuery(dag, g.Set(x), g.Set(y), z, true,
            $"{x} ⊥ {y} | pa({x}), |De({x})| = {g.Descendants(x).Count}, |pa| = {z.Count}");

        var q = SparseQuery(n);
        var zc = g.ListMinimalAdjustmentSets(q.XSet, q.YSet).First();
        var connected = new SeparationQuery(dag, q.XSet, q.YSet, zc, false,
            $"{q.X} not ⊥ {q.Y} | a minimal adjustment set of size {zc.Count}");
        return [separated, connected];
    });

    /// <summary>Counts minimal adjustment sets, stopping at <paramref name="cap"/>.</summary>
    public static int CountMinimalSets(Admg g, string x, string y, int cap) =>
        g.ListMinimalAdjustmentSets([x], [y], maxResults: cap).Count();
}
