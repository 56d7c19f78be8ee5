using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
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

/// <summary>Random Fourier features: K cosines of random projections of the parents, combined with random weights.
/// Evaluated a vector of rows at a time, with every feature computed in registers (one pass over the chunk, no
/// buffer), by a cosine that gives each row the same bits whatever its lane, the chunk's alignment or the thread.</summary>
internal sealed class RffMechanism : AdditiveNoiseMechanism
{
    private readonly double[] _omega; // K × parents, row-major
    private readonly double[] _phase;
    private readonly double[] _codePhase; // b_k + Σ_p ω_kp · offset_p: the phase applied to the parents' codes
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
        // Integer-range parents are stored as codes: fold their minimum into each feature's phase.
        var d = parents.Length;
        _codePhase = new double[features];
        for (var k = 0; k < features; k++)
        {
            var phase = _phase[k];
            for (var p = 0; p < d; p++) phase += _omega[k * d + p] * ValueCodec.NumericOffset(parents[p]);
            _codePhase[k] = phase;
        }
    }

    public override string Describe(Variable child) =>
        $"{child.Name} := RFF[{_features}]({string.Join(", ", Parents.Select(p => p.Name))}) + {_noise}";

    internal override void Mean(in Columns parents, Span<double> output)
    {
        var n = output.Length;
        if (n == 0) return;
        var d = Parents.Count;
        var width = Vector<double>.Count;
        Span<Vector<double>> x = d <= 32 ? stackalloc Vector<double>[d] : new Vector<double>[d];
        Span<double> lanes = stackalloc double[width]; // only for a chunk shorter than one vector
        for (var start = 0; ; start += width)
        {
            // The last block ends at the last row and may overlap the previous one: lanes are computed independently,
            // so the overlapping rows get the same values again.
            var last = start >= n - width;
            if (last && n >= width) start = n - width;
            for (var p = 0; p < d; p++) x[p] = Load(parents[p][start..], lanes);
            var sum = Vector<double>.Zero;
            for (var k = 0; k < _features; k++)
            {
                var projection = new Vector<double>(_codePhase[k]);
                for (var p = 0; p < d; p++) projection += x[p] * _omega[k * d + p];
                sum += Cosine.Of(projection) * _amplitude[k];
            }
            if (n >= width) sum.CopyTo(output[start..]);
            else
            {
                sum.CopyTo(lanes);
                lanes[..n].CopyTo(output);
            }
            if (last) break;
        }
    }

    /// <summary>The vector of the rows at the start of <paramref name="column"/>, zero-padded through
    /// <paramref name="lanes"/> when fewer remain.</summary>
    private static Vector<double> Load(ReadOnlySpan<double> column, Span<double> lanes)
    {
        if (column.Length >= lanes.Length) return new Vector<double>(column);
        lanes.Clear();
        column.CopyTo(lanes);
        return new Vector<double>(lanes);
    }
}

/// <summary>
/// cos x lane by lane by a fixed sequence of IEEE operations (no fused multiply-add, so the same bits on every target
/// framework and processor), so that a value's result does not depend on its lane, the vector width, the JIT tier or
/// the buffer's alignment. TensorPrimitives.Cos depends on the last two (its multiply-adds are fused only in optimised
/// code, and which elements share a vector depends on the destination's alignment), which made sampled tables depend
/// on the thread that ran a chunk. Cody–Waite reduction x = mπ + g with m = round(x/π) and π in three parts (the
/// first two of 33 bits, so m·part is exact for |m| &lt; 2²⁰), so |g| ≲ π/2; then cos x = (−1)^m cos g, with cos g
/// from its Taylor series through g²² (truncation error below 2·10⁻¹⁹ for |g| ≤ 1.6), evaluated by Estrin's scheme.
/// Absolute error ≤ 4·10⁻¹⁶ against Math.Cos (the benchmarks' <c>--scm</c> mode measures it). Lanes with |x| &gt;
/// <see cref="Limit"/>, infinite or NaN take <see cref="Math.Cos"/>.
/// </summary>
internal static class Cosine
{
    /// <summary>Largest |x| reduced here (larger arguments take Math.Cos): keeps |m| below 2¹⁹.</summary>
    public const double Limit = 1e6;

    /// <summary>1.5·2⁵²: adding and subtracting it rounds |t| &lt; 2⁵¹ to the nearest integer (ties to even), and the
    /// last bit of t + Magic is the parity of that integer.</summary>
    private const double Magic = 6755399441055744.0;

    private static readonly double PiA = Chop(Math.PI);
    private static readonly double PiB = Chop(Math.PI - PiA + 1.2246467991473532e-16); // π = Math.PI + 1.2246…e-16 + O(10⁻³²)
    private static readonly double PiC = Math.PI - PiA - PiB + 1.2246467991473532e-16;

    // Taylor coefficients (−1)^j / (2j)!, j = 1 … 11, each correctly rounded ((2j)! is exact in a double).
    internal const double C1 = -0.5, C2 = 1.0 / 24, C3 = -1.0 / 720, C4 = 1.0 / 40320, C5 = -1.0 / 3628800,
        C6 = 1.0 / 479001600, C7 = -1.0 / 87178291200, C8 = 1.0 / 20922789888000, C9 = -1.0 / 6402373705728000,
        C10 = 1.0 / 2432902008176640000, C11 = -1.0 / 1124000727777607680000.0;

    /// <summary>cos of each lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector<double> Of(Vector<double> x)
    {
        var shifted = x * (1 / Math.PI) + new Vector<double>(Magic);
        var m = shifted - new Vector<double>(Magic);
        var g = x - m * PiA - m * PiB - m * PiC;
        // cos g = Σ_j C_j z^j with z = g², by Estrin's scheme (a shorter dependency chain than Horner's).
        var z = g * g;
        var z2 = z * z;
        var z4 = z2 * z2;
        var z8 = z4 * z4;
        var p01 = z * C1 + Vector<double>.One;
        var p23 = z * C3 + new Vector<double>(C2);
        var p45 = z * C5 + new Vector<double>(C4);
        var p67 = z * C7 + new Vector<double>(C6);
        var p89 = z * C9 + new Vector<double>(C8);
        var p1011 = z * C11 + new Vector<double>(C10);
        var p03 = z2 * p23 + p01;
        var p47 = z2 * p67 + p45;
        var p811 = z2 * p1011 + p89;
        var c = z8 * p811 + (z4 * p47 + p03);
        var sign = Vector.ShiftLeft(Vector.AsVectorInt64(shifted), 63); // the sign bit, set for odd m
        var result = Vector.AsVectorDouble(Vector.Xor(Vector.AsVectorInt64(c), sign));
        return Vector.GreaterThanAny(Vector.Abs(x), new Vector<double>(Limit)) ? Large(x, result) : result;
    }

    /// <summary>Replaces the lanes beyond <see cref="Limit"/> (or infinite) by Math.Cos.</summary>
    private static Vector<double> Large(Vector<double> x, Vector<double> reduced)
    {
        Span<double> lanes = stackalloc double[Vector<double>.Count];
        reduced.CopyTo(lanes);
        for (var i = 0; i < lanes.Length; i++)
            if (Math.Abs(x[i]) > Limit) lanes[i] = Math.Cos(x[i]);
        return new Vector<double>(lanes);
    }

    /// <summary>x with its significand cut to 33 bits.</summary>
    private static double Chop(double x) => BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(x) & ~((1L << 20) - 1));
}
