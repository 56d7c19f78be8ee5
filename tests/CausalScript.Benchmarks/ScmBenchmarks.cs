using BenchmarkDotNet.Attributes;
using CausalScript.Data;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Benchmarks;

/// <summary>What the sampling benchmarks share: one <see cref="Scm.Sample"/> call of <see cref="Rows"/> rows per
/// operation (seed 42, default options: 4096-row chunks on all cores), at two row counts so that the allocation
/// beyond the output columns can be seen not to grow with the rows.</summary>
public abstract class SamplingBenchmark : IDescribed, IThroughput
{
    /// <summary>Rows per operation.</summary>
    [Params(10_000, 100_000)] public int Rows;

    /// <summary>The model.</summary>
    protected abstract Scm Model { get; }

    /// <summary>Draws the rows.</summary>
    [Benchmark] public Dataset Sample() => Model.Sample(Rows, seed: 42);

    /// <inheritdoc />
    public long ItemsPerOperation(string method) => (long)Rows * Model.Variables.Count;

    /// <inheritdoc />
    public long OutputBytes(string method) => ItemsPerOperation(method) * sizeof(double);

    /// <inheritdoc />
    public string Describe(string method)
    {
        var edges = Model.Variables.Sum(v => Model.ParentsOf(v).Count);
        return $"{Model.Variables.Count} vars, {edges} edges, {ItemsPerOperation(method) / 1e6:0.#} M draws";
    }
}

/// <summary>Sampling the 100-variable linear-Gaussian SCM (<see cref="ScmWorkloads.LinearGaussian"/>).</summary>
[Config(typeof(ScmBenchConfig))]
public class LinearGaussianSampling : SamplingBenchmark
{
    /// <inheritdoc />
    protected override Scm Model => ScmWorkloads.LinearGaussian;

    /// <summary>Builds the model outside the timed region.</summary>
    [GlobalSetup] public void Setup() => _ = Model;
}

/// <summary>Sampling the 100-variable random-Fourier-feature SCM (<see cref="ScmWorkloads.RandomFourier"/>).</summary>
[Config(typeof(ScmBenchConfig))]
public class RffSampling : SamplingBenchmark
{
    /// <inheritdoc />
    protected override Scm Model => ScmWorkloads.RandomFourier;

    /// <summary>Builds the model outside the timed region.</summary>
    [GlobalSetup] public void Setup() => _ = Model;
}

/// <summary>Exact inference (<see cref="ExactInference"/>: barren-node pruning, then variable elimination with a
/// min-fill order) on the 30-node discrete polytree (<see cref="ScmWorkloads.Polytree"/>), one query per operation.</summary>
[Config(typeof(BenchConfig))]
public class ExactQuery : IDescribed
{
    private DiscreteWorkload _w = null!;

    /// <summary>Builds the network.</summary>
    [GlobalSetup] public void Setup() => _w = ScmWorkloads.Polytree;

    /// <summary>P(Y | evidence).</summary>
    [Benchmark] public Factor<double> Conditional() => _w.Model.Query([_w.Y], _w.Evidence);

    /// <summary>P(Y | do(X = x), evidence), including building the intervened model.</summary>
    [Benchmark] public Factor<double> Interventional() => _w.Model.Do(_w.Intervention).Query([_w.Y], _w.Evidence);

    /// <inheritdoc />
    public string Describe(string method)
    {
        Setup();
        var (f, relevant) = method == nameof(Conditional) ? (Conditional(), _w.RelevantCount) : (Interventional(), _w.RelevantCountUnderDo);
        return $"|An(Y ∪ E)| = {relevant}, P = [{string.Join(", ", f.Values.Select(p => p.ToString("F3")))}]";
    }
}
