using System.Globalization;
using System.Numerics.Tensors;
using CausalScript.Inference;

namespace CausalScript.Models;

public abstract partial class Mechanism
{
    /// <summary>A logistic mechanism for a bool variable: P(X = true | pa) = σ(intercept + Σ w·pa), read as the
    /// threshold model X := 1[η + ε &gt; 0] with standard logistic ε (so counterfactuals are determined).</summary>
    /// <param name="intercept">The constant term of the linear predictor η.</param>
    /// <param name="weights">(parent, coefficient) pairs; parents are read numerically.</param>
    public static Mechanism Logistic(double intercept, params IEnumerable<(Variable Parent, double Weight)> weights)
    {
        var w = weights.ToArray();
        return new BinaryLinkMechanism(w.Select(x => x.Parent), intercept, w.Select(x => x.Weight).ToArray(), probit: false);
    }

    /// <summary>A probit mechanism for a bool variable: P(X = true | pa) = Φ(intercept + Σ w·pa), the threshold
    /// model X := 1[η + ε &gt; 0] with standard normal ε.</summary>
    /// <param name="intercept">The constant term of η.</param>
    /// <param name="weights">(parent, coefficient) pairs; parents are read numerically.</param>
    public static Mechanism Probit(double intercept, params IEnumerable<(Variable Parent, double Weight)> weights)
    {
        var w = weights.ToArray();
        return new BinaryLinkMechanism(w.Select(x => x.Parent), intercept, w.Select(x => x.Weight).ToArray(), probit: true);
    }
}

/// <summary>X := 1[η(pa) + ε &gt; 0] with logistic or normal ε (McFadden's latent-index reading of logit/probit).</summary>
internal sealed class BinaryLinkMechanism : Mechanism
{
    private readonly double _intercept;
    private readonly double[] _weights;
    private readonly bool _probit;

    public BinaryLinkMechanism(IEnumerable<Variable> parents, double intercept, double[] weights, bool probit) : base(parents)
    {
        if (!double.IsFinite(intercept) || weights.Any(w => !double.IsFinite(w)))
            throw new ModelException($"A {(probit ? "probit" : "logistic")} mechanism needs finite coefficients.");
        _intercept = intercept;
        _weights = weights;
        _probit = probit;
    }

    public override MechanismKind Kind => MechanismKind.BinaryLink;

    internal override bool HasNoise => true;

    internal override NoiseSpecification NoiseKind => NoiseSpecification.Explicit;

    public override string Describe(Variable child) =>
        $"P({child.Name} = true) = {(_probit ? "Φ" : "σ")}({_intercept.ToString("G4", CultureInfo.InvariantCulture)}" +
        string.Concat(Parents.Select((p, i) => $" + {_weights[i].ToString("G4", CultureInfo.InvariantCulture)}·{p.Name}")) + ")";

    internal override void Bind(Variable child)
    {
        if (child.Domain.Kind != DomainKind.Bool)
            throw new ModelException($"A {(_probit ? "probit" : "logistic")} mechanism defines a bool variable, but '{child.Name}' has domain {child.Domain}.", child.Name);
        foreach (var p in Parents) ValueCodec.RequireNumeric(p, _probit ? "probit" : "logistic", child);
    }

    internal override void DrawNoise(Random random, double[] noise)
    {
        if (_probit) Models.Noise.FillNormal(random, noise, 0, 1); // MathNet's Normal.Samples, without its temporary array
        else MathNet.Numerics.Distributions.Logistic.Samples(random, noise, 0, 1);
    }

    private void Predictor(in Columns parents, Span<double> output)
    {
        var constant = _intercept;
        for (var p = 0; p < _weights.Length; p++) constant += _weights[p] * ValueCodec.NumericOffset(Parents[p]);
        output.Fill(constant);
        for (var p = 0; p < _weights.Length; p++) TensorPrimitives.MultiplyAdd(parents[p], _weights[p], output, output);
    }

    internal override void Compute(Variable child, in Columns parents, ReadOnlySpan<double> noise, Span<double> output)
    {
        Predictor(parents, output);
        for (var i = 0; i < output.Length; i++) output[i] = output[i] + noise[i] > 0 ? 1 : 0;
    }

    internal override double[] Table(Variable child)
    {
        RequireFiniteParents(child, "An exact table");
        var configs = ParentConfigurations;
        var eta = new double[configs];
        Predictor(EveryParentConfiguration(), eta);
        var table = new double[configs * 2];
        for (var c = 0; c < configs; c++)
        {
            var p1 = _probit ? MathNet.Numerics.Distributions.Normal.CDF(0, 1, eta[c]) : 1 / (1 + Math.Exp(-eta[c]));
            table[2 * c] = 1 - p1;
            table[2 * c + 1] = p1;
        }
        return table;
    }

    internal override Rational[] ExactTable(Variable child) =>
        throw new ModelException(
            $"The {(_probit ? "probit" : "logistic")} probabilities of '{child.Name}' are irrational, so exact rational inference does not apply; use the double-precision query.", child.Name);
}
