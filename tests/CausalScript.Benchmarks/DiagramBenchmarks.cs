using BenchmarkDotNet.Attributes;
using CausalScript.Diagrams;
using CausalScript.Inference;

namespace CausalScript.Benchmarks;

/// <summary>String-diagram evaluation (<see cref="Stoch.Evaluate"/>: tensor-network contraction with a min-fill order)
/// on the 30-node discrete polytree of the exact-inference benchmark (<see cref="ScmWorkloads.Polytree"/>), one
/// query per operation, including building the diagram and the surgery: the network diagram with Y as the only
/// output, normalised (boxes nobody reads vanish), then contracted — against <see cref="ExactQuery"/>'s engine on the
/// same model.</summary>
[Config(typeof(BenchConfig))]
public class DiagramEvaluation : IDescribed
{
    private DiscreteWorkload _w = null!;

    /// <summary>Builds the network.</summary>
    [GlobalSetup] public void Setup() => _w = ScmWorkloads.Polytree;

    /// <summary>P(Y) from FromModel(m, [Y]).Normalize().</summary>
    [Benchmark] public Channel<double> Marginal() => Stoch.Evaluate(Diagram.FromModel(_w.Model, [_w.Y]).Normalize());

    /// <summary>P(Y | do(X = x)) from FromModel(m, [Y]).Do(X = x).Normalize().</summary>
    [Benchmark] public Channel<double> Interventional() => Stoch.Evaluate(Diagram.FromModel(_w.Model, [_w.Y]).Do(_w.Intervention).Normalize());

    /// <summary>P(Y) by the exact-inference engine (barren pruning + variable elimination), for comparison.</summary>
    [Benchmark(Baseline = true)] public Factor<double> ExactInferenceMarginal() => _w.Model.Query([_w.Y]);

    /// <inheritdoc />
    public string Describe(string method)
    {
        Setup();
        var values = method switch
        {
            nameof(Marginal) => Marginal().Values,
            nameof(Interventional) => Interventional().Values,
            _ => ExactInferenceMarginal().Values,
        };
        return $"{Diagram.FromModel(_w.Model, [_w.Y]).Normalize().Boxes.Count} boxes after normalising; P = [{string.Join(", ", values.Select(p => p.ToString("F3")))}]";
    }
}
