using CausalScript.Graphs;
using MathNet.Numerics.LinearAlgebra;

namespace CausalScript.Models;

/// <summary>
/// A linear structural equation model over an ADMG: V = Λ V + U with Λ[v, p] the coefficient of the edge p → v, and
/// Cov(U) = Σ_U, whose off-diagonal entries are the covariances of the bidirected edges. Total effects are
/// B = (I − Λ)⁻¹ and the implied covariance is B Σ_U Bᵀ (Bollen 1989, "Structural Equations with Latent Variables",
/// ch. 4; Wright 1934 path analysis). Population regression and partial-covariance quantities follow from the
/// covariance, which makes the model the ground truth against which adjustment sets and instruments are checked.
/// </summary>
public sealed class LinearSem
{
    private readonly Dictionary<string, int> _index;
    private readonly Matrix<double> _total;
    private readonly Matrix<double> _covariance;

    private LinearSem(Admg graph, string[] nodes, Matrix<double> lambda, Matrix<double> noise)
    {
        Graph = graph;
        Nodes = nodes;
        _index = nodes.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        var n = nodes.Length;
        _total = (Matrix<double>.Build.DenseIdentity(n) - lambda).Inverse();
        _covariance = _total * noise * _total.Transpose();
    }

    /// <summary>Builds the model. Every directed edge of the graph needs a coefficient and every bidirected edge a
    /// covariance; noise variances default to 1.</summary>
    /// <param name="graph">The causal graph (latent nodes are allowed and kept: their covariances are part of the model).</param>
    /// <param name="coefficients">(from, to, coefficient) for each directed edge.</param>
    /// <param name="covariances">(a, b, covariance of the noises of a and b) for each bidirected edge.</param>
    /// <param name="variances">(node, noise variance); nodes not listed get 1.</param>
    /// <returns>The model.</returns>
    /// <exception cref="GraphException">A coefficient or covariance for an edge the graph lacks, or an edge without one.</exception>
    /// <exception cref="CausalScriptException">A noise covariance matrix that is not positive definite, or a non-finite number.</exception>
    public static LinearSem Create(Admg graph, IEnumerable<(string From, string To, double Coefficient)> coefficients,
        IEnumerable<(string A, string B, double Covariance)>? covariances = null,
        IEnumerable<(string Node, double Variance)>? variances = null)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var nodes = graph.Nodes.ToArray();
        var index = nodes.Select((v, i) => (v, i)).ToDictionary(p => p.v, p => p.i, StringComparer.Ordinal);
        int Id(string name) => graph.Contains(name) ? index[name] : throw new UnknownNodeException(name, null);
        var n = nodes.Length;
        var lambda = Matrix<double>.Build.Dense(n, n);
        var seen = new HashSet<(string, string)>();
        foreach (var (from, to, c) in coefficients)
        {
            if (!graph.HasEdge(from, to)) throw new GraphException($"A coefficient is given for {from} -> {to}, which is not an edge of the graph.", [from, to]);
            if (!double.IsFinite(c)) throw new CausalScriptException($"The coefficient of {from} -> {to} is {c}.");
            if (!seen.Add((from, to))) throw new GraphException($"The coefficient of {from} -> {to} is given twice.", [from, to]);
            lambda[Id(to), Id(from)] = c;
        }
        foreach (var e in graph.DirectedEdges)
            if (!seen.Contains((e.From, e.To))) throw new GraphException($"The edge {e} has no coefficient.", [e.From, e.To]);

        var noise = Matrix<double>.Build.DenseIdentity(n);
        foreach (var (node, v) in variances ?? [])
        {
            if (!(v > 0) || !double.IsFinite(v)) throw new CausalScriptException($"The noise variance of '{node}' must be positive and finite, got {v}.");
            noise[Id(node), Id(node)] = v;
        }
        var seenCov = new HashSet<(int, int)>();
        foreach (var (a, b, c) in covariances ?? [])
        {
            if (!graph.HasBidirectedEdge(a, b)) throw new GraphException($"A covariance is given for {a} <-> {b}, which is not an edge of the graph.", [a, b]);
            if (!double.IsFinite(c)) throw new CausalScriptException($"The covariance of {a} <-> {b} is {c}.");
            var (i, j) = (Id(a), Id(b));
            if (!seenCov.Add((Math.Min(i, j), Math.Max(i, j)))) throw new GraphException($"The covariance of {a} <-> {b} is given twice.", [a, b]);
            noise[i, j] = noise[j, i] = c;
        }
        foreach (var e in graph.BidirectedEdges)
        {
            var (i, j) = (Id(e.From), Id(e.To));
            if (!seenCov.Contains((Math.Min(i, j), Math.Max(i, j)))) throw new GraphException($"The edge {e} has no covariance.", [e.From, e.To]);
        }
        if (!noise.Evd(Symmetricity.Symmetric).EigenValues.All(l => l.Real > 1e-12))
            throw new CausalScriptException("The noise covariance matrix (variances and bidirected covariances) is not positive definite.");
        return new LinearSem(graph, nodes, lambda, noise);
    }

    /// <summary>The graph.</summary>
    public Admg Graph { get; }

    /// <summary>The nodes, in the graph's declaration order (the order of the matrices).</summary>
    public IReadOnlyList<string> Nodes { get; }

    /// <summary>The total causal effect of x on y: ∂E[y | do(x)]/∂x = B[y, x] (the sum over directed paths of the
    /// products of their coefficients).</summary>
    /// <param name="x">The cause.</param>
    /// <param name="y">The effect.</param>
    /// <returns>The total effect (0 when y is not a descendant of x).</returns>
    public double TotalEffect(string x, string y) => _total[Id(y), Id(x)];

    /// <summary>The implied covariance of two variables.</summary>
    /// <param name="a">A node.</param>
    /// <param name="b">A node.</param>
    /// <returns>Cov(a, b) = (B Σ_U Bᵀ)[a, b].</returns>
    public double Covariance(string a, string b) => _covariance[Id(a), Id(b)];

    /// <summary>The partial covariance Cov(a, b | W) = Σ_ab − Σ_aW Σ_WW⁻¹ Σ_Wb.</summary>
    /// <param name="a">A node.</param>
    /// <param name="b">A node.</param>
    /// <param name="given">The conditioning set W.</param>
    /// <returns>The partial covariance.</returns>
    public double PartialCovariance(string a, string b, IEnumerable<string> given)
    {
        var w = given.Select(Id).ToArray();
        var (i, j) = (Id(a), Id(b));
        if (w.Length == 0) return _covariance[i, j];
        var sww = Sub(w, w);
        var saw = Sub([i], w);
        var swb = Sub(w, [j]);
        return _covariance[i, j] - (saw * sww.Solve(swb))[0, 0];
    }

    /// <summary>The population coefficient of x in the least-squares regression of y on x and Z:
    /// [Σ_{(x,Z)(x,Z)}⁻¹ Σ_{(x,Z)y}]_x. For a valid adjustment set Z it equals the total effect of x on y.</summary>
    /// <param name="y">The response.</param>
    /// <param name="x">The regressor of interest.</param>
    /// <param name="given">The other regressors Z.</param>
    /// <returns>The regression coefficient of x.</returns>
    public double RegressionCoefficient(string y, string x, IEnumerable<string> given)
    {
        var regressors = new[] { Id(x) }.Concat(given.Select(Id)).ToArray();
        var beta = Sub(regressors, regressors).Solve(Sub(regressors, [Id(y)]));
        return beta[0, 0];
    }

    /// <summary>The total-effect matrix B = (I − Λ)⁻¹ as a copy, rows and columns in <see cref="Nodes"/> order.</summary>
    /// <returns>B, with B[effect, cause].</returns>
    public double[,] TotalEffectMatrix() => _total.ToArray();

    /// <summary>The implied covariance matrix B Σ_U Bᵀ as a copy, in <see cref="Nodes"/> order.</summary>
    /// <returns>The covariance matrix.</returns>
    public double[,] CovarianceMatrix() => _covariance.ToArray();

    private Matrix<double> Sub(int[] rows, int[] columns)
    {
        var m = Matrix<double>.Build.Dense(rows.Length, columns.Length);
        for (var r = 0; r < rows.Length; r++)
            for (var c = 0; c < columns.Length; c++)
                m[r, c] = _covariance[rows[r], columns[c]];
        return m;
    }

    private int Id(string name) =>
        _index.TryGetValue(name, out var i) ? i : throw new UnknownNodeException(name, NameSuggestion.Closest(name, Nodes));
}
