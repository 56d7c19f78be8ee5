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

/// <summary>Adjustment-set queries on sparse random DAGs (expected degree 3): full enumeration of the minimal
/// adjustment sets, the canonical set, and one minimal set.</summary>
[Config(typeof(BenchConfig))]
public class Adjustment : IDescribed
{
    /// <summary>Number of nodes.</summary>
    [Params(100, 1_000, 5_000)] public int N;

    private Admg _g = null!;
    private NodeSet _x = null!, _y = null!;
    private AdjustmentQuery _q = null!;

    /// <summary>Builds the graph and picks the query (see <see cref="Workloads.SparseQuery"/>).</summary>
    [GlobalSetup]
    public void Setup()
    {
        _q = Workloads.SparseQuery(N);
        (_g, _x, _y) = (_q.Dag.Graph, _q.XSet, _q.YSet);
        if (AllMinimalSets() != _q.MinimalSetCount) throw new InvalidOperationException("Unexpected count.");
    }

    /// <summary>Enumerates every minimal adjustment set.</summary>
    [Benchmark] public int AllMinimalSets()
    {
        var count = 0;
        foreach (var _ in _g.ListMinimalAdjustmentSets(_x, _y)) count++;
        return count;
    }

    /// <summary>The canonical adjustment set.</summary>
    [Benchmark] public NodeSet? CanonicalSet() => _g.CanonicalAdjustmentSet(_x, _y);

    /// <summary>One minimal adjustment set.</summary>
    [Benchmark] public NodeSet? MinimalSet() => _g.FindMinimalAdjustmentSet(_x, _y);

    /// <inheritdoc />
    public string Describe(string method)
    {
        Setup();
        var query = $"{_q.X}→{_q.Y}, |An|={_q.AncestralSize}";
        return method switch
        {
            nameof(AllMinimalSets) => $"{_q.MinimalSetCount} sets ({query})",
            nameof(CanonicalSet) => $"size {CanonicalSet()!.Count}",
            _ => $"size {MinimalSet()!.Count}",
        };
    }
}

/// <summary>The dense 100-node case: a query with 439 minimal adjustment sets (dagitty reference: 67 ms).</summary>
[Config(typeof(BenchConfig))]
public class Dense : IDescribed
{
    private Admg _g = null!;
    private NodeSet _x = null!, _y = null!;

    /// <summary>Builds the dense graph (see <see cref="Workloads.Dense"/>).</summary>
    [GlobalSetup]
    public void Setup()
    {
        var q = Workloads.Dense;
        (_g, _x, _y) = (q.Dag.Graph, q.XSet, q.YSet);
    }

    /// <summary>Enumerates every minimal adjustment set.</summary>
    [Benchmark] public int AllMinimalSets()
    {
        var count = 0;
        foreach (var _ in _g.ListMinimalAdjustmentSets(_x, _y)) count++;
        return count;
    }

    /// <summary>The canonical adjustment set.</summary>
    [Benchmark] public NodeSet? CanonicalSet() => _g.CanonicalAdjustmentSet(_x, _y);

    /// <summary>One minimal adjustment set.</summary>
    [Benchmark] public NodeSet? MinimalSet() => _g.FindMinimalAdjustmentSet(_x, _y);

    /// <inheritdoc />
    public string Describe(string method)
    {
        Setup();
        var q = Workloads.Dense;
        return method switch
        {
            nameof(AllMinimalSets) => $"{AllMinimalSets()} sets ({q.X}→{q.Y}, |An|={q.AncestralSize}, {q.Dag.EdgeCount} edges)",
            nameof(CanonicalSet) => $"size {CanonicalSet()!.Count}",
            _ => $"size {MinimalSet()!.Count}",
        };
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
