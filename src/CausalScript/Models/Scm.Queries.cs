using CausalScript.Data;
using CausalScript.Inference;

namespace CausalScript.Models;

public sealed partial class Scm
{
    /// <summary>Draws independent rows from the model (see <see cref="Sampler"/>).</summary>
    /// <param name="rows">The number of rows.</param>
    /// <param name="seed">The seed; the same seed gives the same table.</param>
    /// <param name="options">Chunking, parallelism, latent columns.</param>
    /// <returns>A dataset with one column per observed variable.</returns>
    public Dataset Sample(int rows, int seed = 0, SamplingOptions? options = null) => Sampler.Sample(this, rows, seed, options);

    /// <summary>The exact P(query | evidence) (see <see cref="ExactInference"/>).</summary>
    /// <param name="query">The variables of the result.</param>
    /// <param name="evidence">Observed values.</param>
    /// <returns>A distribution with named axes.</returns>
    public Factor<double> Query(IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null) => ExactInference.Query(this, query, evidence);

    /// <summary>The exact P(query | evidence) in rationals.</summary>
    /// <param name="query">The variables of the result.</param>
    /// <param name="evidence">Observed values.</param>
    /// <returns>A distribution with named axes.</returns>
    public Factor<Rational> QueryExact(IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null) => ExactInference.QueryExact(this, query, evidence);

    /// <summary>The exact marginal distribution of some variables.</summary>
    /// <param name="variables">The variables.</param>
    /// <returns>A distribution with named axes.</returns>
    public Factor<double> Marginal(params IEnumerable<Variable> variables) => ExactInference.Query(this, variables);

    /// <summary>The exact probability P(outcome | given), e.g. <c>model.Do(S.Is("yes")).Probability(C.Is("yes"))</c>.</summary>
    /// <param name="outcome">The event.</param>
    /// <param name="given">The conditioning event.</param>
    /// <returns>The probability.</returns>
    public double Probability(Assignment outcome, params IEnumerable<Assignment> given) =>
        ExactInference.Query(this, [outcome.Variable], given)[outcome];

    /// <summary>The exact probability P(outcome | given) in rationals.</summary>
    /// <param name="outcome">The event.</param>
    /// <param name="given">The conditioning event.</param>
    /// <returns>The probability.</returns>
    public Rational ProbabilityExact(Assignment outcome, params IEnumerable<Assignment> given) =>
        ExactInference.QueryExact(this, [outcome.Variable], given)[outcome];

    /// <summary>The exact counterfactual distribution of the query given the evidence, e.g.
    /// <c>model.Counterfactual([D.Under(A.Is(false))], [D.Is(true)])</c> (see <see cref="Counterfactuals"/>).</summary>
    /// <param name="query">Factual or counterfactual variables.</param>
    /// <param name="evidence">Assignments to factual or counterfactual variables.</param>
    /// <returns>A distribution with named axes.</returns>
    public Factor<double> Counterfactual(IEnumerable<Variable> query, IEnumerable<Assignment>? evidence = null) =>
        Counterfactuals.Exact(this, query, evidence);

    /// <summary>The exact probability of a counterfactual event, e.g. P(D_{A=false} = true | D = true).</summary>
    /// <param name="outcome">An assignment to a (counterfactual) variable.</param>
    /// <param name="given">Evidence.</param>
    /// <returns>The probability.</returns>
    public double CounterfactualProbability(Assignment outcome, params IEnumerable<Assignment> given) =>
        Counterfactuals.Exact(this, [outcome.Variable], given)[outcome];

    /// <summary>The parallel-worlds network of this model for the given interventions (the twin network for one).</summary>
    /// <param name="worlds">One intervention per world besides the factual one.</param>
    /// <returns>The network; its <see cref="ParallelWorlds.Graph"/> is the counterfactual ADMG.</returns>
    public ParallelWorlds TwinNetwork(params IEnumerable<IEnumerable<Assignment>> worlds) => ParallelWorlds.Build(this, worlds);
}
