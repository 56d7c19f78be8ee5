using BenchmarkDotNet.Attributes;
using CausalScript.Graphs;

namespace CausalScript.Benchmarks;

/// <summary>d-separation queries (<see cref="MSeparation.IsMSeparated"/>) on sparse random DAGs; the sets are
/// NodeSets of the graph, built in the setup.</summary>
[Config(typeof(BenchConfig))]
public class DSeparation : IDescribed
{
    /// <summary>Number of nodes.</summary>
    [Params(1_000, 10_000)] public int N;

    private Admg _g = null!;
    private SeparationQuery _separated = null!, _connected = null!;

    /// <summary>Builds the graph and the two queries and checks their expected answers.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var qs = Workloads.Separation(N);
        (_g, _separated, _connected) = (qs[0].Dag.Graph, qs[0], qs[1]);
        if (!Separated() || Connected()) throw new InvalidOperationException("Unexpected d-separation verdict.");
    }

    /// <summary>X ⊥ Y | pa(X): true; the search exhausts De(X).</summary>
    [Benchmark] public bool Separated() => _g.IsMSeparated(_separated.X, _separated.Y, _separated.Z);

    /// <summary>X and Y d-connected given a minimal adjustment set (the causal path is open): false.</summary>
    [Benchmark] public bool Connected() => _g.IsMSeparated(_connected.X, _connected.Y, _connected.Z);

    /// <inheritdoc />
    public string Describe(string method)
    {
        Setup();
        var q = method == nameof(Separated) ? _separated : _connected;
        return $"{(method == nameof(Separated) ? Separated() : Connected())}: {q.Description}";
    }
}

/// <summary>The three adjustment-set benchmarks shared by every workload: full enumeration of the minimal adjustment
/// sets, the canonical set, and one minimal set. Subclasses choose the graph and query in their setup.</summary>
public abstract class AdjustmentQueries : IDescribed
{
    /// <summary>The graph.</summary>
    protected Admg G = null!;

    /// <summary>Exposures and outcomes, prebuilt as node sets of <see cref="G"/>.</summary>
    protected NodeSet X = null!, Y = null!;

    /// <summary>Enumerates every minimal adjustment set.</summary>
    [Benchmark] public int AllMinimalSets()
    {
        var count = 0;
        foreach (var _ in G.ListMinimalAdjustmentSets(X, Y)) count++;
        return count;
    }

    /// <summary>The canonical adjustment set.</summary>
    [Benchmark] public NodeSet? CanonicalSet() => G.CanonicalAdjustmentSet(X, Y);

    /// <summary>One minimal adjustment set.</summary>
    [Benchmark] public NodeSet? MinimalSet() => G.FindMinimalAdjustmentSet(X, Y);

    /// <summary>Builds the workload (called by BenchmarkDotNet's [GlobalSetup] in the subclass).</summary>
    protected abstract void Build();

    /// <summary>What the workload's query is, for the "Result" column of <see cref="AllMinimalSets"/>.</summary>
    protected abstract string QueryText { get; }

    /// <inheritdoc />
    public string Describe(string method)
    {
        Build();
        return method switch
        {
            nameof(AllMinimalSets) => $"{AllMinimalSets()} sets ({QueryText})",
            nameof(CanonicalSet) => $"size {CanonicalSet()!.Count}",
            _ => $"size {MinimalSet()!.Count}",
        };
    }
}

/// <summary>Adjustment-set queries on sparse random DAGs (expected degree 3).</summary>
[Config(typeof(BenchConfig))]
public class Adjustment : AdjustmentQueries
{
    /// <summary>Number of nodes.</summary>
    [Params(100, 1_000, 5_000)] public int N;

    private AdjustmentQuery _q = null!;

    /// <summary>Builds the graph and picks the query (see <see cref="Workloads.SparseQuery"/>).</summary>
    [GlobalSetup]
    public void Setup() => Build();

    /// <inheritdoc />
    protected override void Build()
    {
        _q = Workloads.SparseQuery(N);
        (G, X, Y) = (_q.Dag.Graph, _q.XSet, _q.YSet);
        if (AllMinimalSets() != _q.MinimalSetCount) throw new InvalidOperationException("Unexpected count.");
    }

    /// <inheritdoc />
    protected override string QueryText => $"{_q.X}→{_q.Y}, |An|={_q.AncestralSize}";
}

/// <summary>The dense 100-node case: a query with 439 minimal adjustment sets (dagitty reference: 67 ms).</summary>
[Config(typeof(BenchConfig))]
public class Dense : AdjustmentQueries
{
    /// <summary>Builds the dense graph (see <see cref="Workloads.Dense"/>).</summary>
    [GlobalSetup]
    public void Setup() => Build();

    /// <inheritdoc />
    protected override void Build()
    {
        var q = Workloads.Dense;
        (G, X, Y) = (q.Dag.Graph, q.XSet, q.YSet);
    }

    /// <inheritdoc />
    protected override string QueryText
    {
        get
        {
            var q = Workloads.Dense;
            return $"{q.X}→{q.Y}, |An|={q.AncestralSize}, {q.Dag.EdgeCount} edges";
        }
    }
}

/// <summary>Implied conditional independencies (missing-edge list, all minimal separators per pair) of the sparse
/// 100-node DAG, fully enumerated.</summary>
[Config(typeof(BenchConfig))]
public class Implied : IDescribed
{
    private Admg _g = null!;

    /// <summary>Builds the graph.</summary>
    [GlobalSetup]
    public void Setup() => _g = Workloads.Sparse(100).Graph;

    /// <summary>Every minimal separator of every non-adjacent pair.</summary>
    [Benchmark] public int MissingEdgeAll()
    {
        var count = 0;
        foreach (var _ in _g.ImpliedIndependencies(ImpliedIndependenceKind.MissingEdge)) count++;
        return count;
    }

    /// <summary>One separator per non-adjacent pair.</summary>
    [Benchmark] public int MissingEdgeOnePerPair()
    {
        var count = 0;
        foreach (var _ in _g.ImpliedIndependencies(ImpliedIndependenceKind.MissingEdge, SeparatorPolicy.OnePerPair)) count++;
        return count;
    }

    /// <inheritdoc />
    public string Describe(string method)
    {
        Setup();
        return $"{(method == nameof(MissingEdgeAll) ? MissingEdgeAll() : MissingEdgeOnePerPair())} statements";
    }
}
