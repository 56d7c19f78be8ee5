using System.Globalization;
using System.Numerics.Tensors;
using CausalScript.Inference;
using MathNet.Numerics.Random;

namespace CausalScript.Models;

public abstract partial class Mechanism
{
    /// <summary>A linear mechanism X := intercept + Σ w·parent + ε (linear-Gaussian with normal noise). Parents are
    /// read numerically (bool as 0/1, integers, reals). Evaluated a column at a time with SIMD.</summary>
    /// <param name="intercept">The constant term.</param>
    /// <param name="weights">(parent, coefficient) pairs.</param>
    /// <param name="noise">The distribution of ε; standard normal when omitted.</param>
    public static Mechanism Linear(double intercept, IEnumerable<(Variable Parent, double Weight)> weights, Noise? noise = null)
    {
        var w = weights.ToArray();
        return new LinearMechanism(w.Select(x => x.Parent), intercept, w.Select(x => x.Weight).ToArray(), noise ?? Models.Noise.Normal());
    }

    /// <summary>An additive-noise mechanism X := f(parents) + ε for any f on the parents' numeric values (evaluated
    /// row by row; the argument buffer is reused).</summary>
    /// <param name="parents">The parents.</param>
    /// <param name="function">f, on the parents' numeric values in order.</param>
    /// <param name="noise">The distribution of ε.</param>
    public static Mechanism Additive(IEnumerable<Variable> parents, Func<double[], double> function, Noise noise) =>
        new GeneralAdditiveMechanism(parents, function ?? throw new ArgumentNullException(nameof(function)), noise ?? throw new ArgumentNullException(nameof(noise)));

    /// <summary>A random-Fourier-feature mechanism X := scale·√(2/K) Σ_k a_k cos(ω_k·pa + b_k) + ε, a random smooth
    /// function (an approximate draw from a Gaussian process with an RBF kernel of the given length scale; Rahimi
    /// &amp; Recht 2007), as used by synthetic causal benchmarks (e.g. the FiP / Cond-FiP generators). Its parameters
    /// ω ~ N(0, 1/ℓ²), b ~ U(0, 2π), a ~ N(0, 1) are drawn once from <paramref name="seed"/>.</summary>
    /// <param name="parents">The parents (read numerically).</param>
    /// <param name="noise">The distribution of ε.</param>
    /// <param name="features">K, the number of features.</param>
    /// <param name="lengthScale">ℓ, the kernel length scale.</param>
    /// <param name="scale">The output scale.</param>
    /// <param name="seed">Seed of the random parameters.</param>
    public static Mechanism RandomFourierFeatures(IEnumerable<Variable> parents, Noise noise, int features = 32, double lengthScale = 1,
        double scale = 1, int seed = 0) =>
        new RffMechanism(parents.ToArray(), noise ?? throw new ArgumentNullException(nameof(noise)), features, lengthScale, scale, seed);
}

/// <summary>X := f(parents) + ε. The noise of each unit is recovered from its values as ε = x − f(pa), which makes
/// unit-level counterfactuals exact.</summary>
internal abstract class AdditiveNoiseMechanism(IEnumerable<Variable> parents, Noise noise) : Mechanism(parents)
{
    public Noise Distribution => noise;

    public override MechanismKind Kind => MechanismKind.AdditiveNoise;

    internal override bool HasNoise => true;

    internal override NoiseSpecification NoiseKind => NoiseSpecification.Explicit;

    internal override void Bind(Variable child)
    {
        if (child.Domain.IsFinite)
            throw new ModelException($"An additive-noise mechanism defines a real variable, but '{child.Name}' has domain {child.Domain}.", child.Name);
        foreach (var p in Parents) ValueCodec.RequireNumeric(p, "additive-noise", child);
    }

    internal override void DrawNoise(Random random, double[] values) => noise.Fill(random, values);

    /// <summary>Writes f(parents) for the chunk into <paramref name="output"/>.</summary>
    internal abstract void Mean(in Columns parents, Span<double> output);

    internal override void Compute(Variable child, in Columns parents, ReadOnlySpan<double> values, Span<double> output)
    {
        Mean(parents, output);
        TensorPrimitives.Add(output, values, output);
    }

    internal override double[] Table(Variable child) => throw Continuous(child);

    internal override Rational[] ExactTable(Variable child) => throw Continuous(child);

    private static ModelException Continuous(Variable child) =>
        new($"'{child.Name}' is continuous; exact inference needs finite variables. Sample the model, or use LinearSem for linear-Gaussian algebra.", child.Name);

    internal override void Abduct(Variable child, in Columns parents, ReadOnlySpan<double> observed, Span<double> values)
    {
        Mean(parents, values);
        TensorPrimitives.Subtract(observed, values, values);
    }
}

/// <summary>X := b₀ + Σ wᵢ·paᵢ + ε, one fused multiply-add per parent over the whole chunk.</summary>
internal sealed class LinearMechanism : AdditiveNoiseMechanism
{
    private readonly double _intercept;
    private readonly double[] _weights;
    private readonly Noise _noise;

    public LinearMechanism(IEnumerable<Variable> parents, double intercept, double[] weights, Noise noise) : base(parents, noise)
    {
        _intercept = intercept;
        _weights = weights;
        _noise = noise;
        if (!double.IsFinite(intercept) || weights.Any(w => !double.IsFinite(w)))
            throw new ModelException("A linear mechanism needs finite coefficients.");
    }

    public double Intercept => _intercept;

    public IReadOnlyList<double> Weights => _weights;

    public override string Describe(Variable child) =>
        $"{child.Name} := {F(_intercept)}" + string.Concat(Parents.Select((p, i) => $" + {F(_weights[i])}·{p.Name}")) + $" + {_noise}";

    private static string F(double x) => x.ToString("G4", CultureInfo.InvariantCulture);

    internal override void Mean(in Columns parents, Span<double> output)
    {
        // Integer-range parents are stored as codes: fold their minimum into the constant term.
        var constant = _intercept;
        for (var p = 0; p < _weights.Length; p++) constant += _weights[p] * ValueCodec.NumericOffset(Parents[p]);
        output.Fill(constant);
        for (var p = 0; p < _weights.Length; p++) TensorPrimitives.MultiplyAdd(parents[p], _weights[p], output, output);
    }
}

/// <summary>X := f(pa) + ε for a user function, evaluated row by row.</summary>
internal sealed class GeneralAdditiveMechanism(IEnumerable<Variable> parents, Func<double[], double> f, Noise noise) : AdditiveNoiseMechanism(parents, noise)
{
    public override string Describe(Variable child) => $"{child.Name} := f({string.Join(", ", Parents.Select(p => p.Name))}) + {Distribution}";

    internal override void Mean(in Columns parents, Span<double> output)
    {
        var row = new double[parents.Count];
        var offsets = Parents.Select(ValueCodec.NumericOffset).ToArray();
        for (var i = 0; i < output.Length; i++)
        {
            for (var p = 0; p < row.Length; p++) row[p] = parents.At(p, i) + offsets[p];
            output[i] = f(row);
        }
    }
}

/// <summary>Random Fourier features: K cosines of random projections of the parents, combined with random weights.</summary>
internal sealed class RffMechanism : AdditiveNoiseMechanism
{
    private readonly double[] _omega; // K × parents, row-major
    private readonly double[] _phase;
    private readonly double[] _amplitude;
    private readonly int _features;
    private readonly Noise _noise;

    public RffMechanism(Variable[] parents, Noise noise, int features, double lengthScale, double scale, int seed) : base(parents, noise)
    {
        if (features < 1) throw new ModelException($"A random-Fourier-feature mechanism needs at least one feature, got {features}.");
        if (!(lengthScale > 0)) throw new ModelException($"The RFF length scale must be positive, got {lengthScale}.");
        _features = features;
        _noise = noise;
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        _omega = new double[features * parents.Length];
        MathNet.Numerics.Distributions.Normal.Samples(random, _omega, 0, 1 / lengthScale);
        _phase = new double[features];
        MathNet.Numerics.Distributions.ContinuousUniform.Samples(random, _phase, 0, 2 * Math.PI);
        _amplitude = new double[features];
        MathNet.Numerics.Distributions.Normal.Samples(random, _amplitude, 0, 1);
        var norm = scale * Math.Sqrt(2.0 / features);
        for (var k = 0; k < features; k++) _amplitude[k] *= norm;
    }

    public override string Describe(Variable child) =>
        $"{child.Name} := RFF[{_features}]({string.Join(", ", Parents.Select(p => p.Name))}) + {_noise}";

    internal override void Mean(in Columns parents, Span<double> output)
    {
        output.Clear();
        var n = output.Length;
        Span<double> projection = new double[n]; // one buffer per chunk, not per row
        var d = Parents.Count;
        for (var k = 0; k < _features; k++)
        {
            var phase = _phase[k];
            for (var p = 0; p < d; p++) phase += _omega[k * d + p] * ValueCodec.NumericOffset(Parents[p]);
            projection.Fill(phase);
            for (var p = 0; p < d; p++) TensorPrimitives.MultiplyAdd(parents[p], _omega[k * d + p], projection, projection);
            TensorPrimitives.Cos(projection, projection);
            TensorPrimitives.MultiplyAdd(projection, _amplitude[k], output, output);
        }
    }
}
