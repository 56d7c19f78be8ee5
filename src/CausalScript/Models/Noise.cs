using System.Globalization;
using MathNet.Numerics.Distributions;

namespace CausalScript.Models;

/// <summary>
/// The distribution of an exogenous (noise) term: of an additive-noise mechanism, of a latent root variable, or of a
/// stochastic intervention. Continuous families are sampled with MathNet.Numerics' vectorised samplers; finite ones
/// (<see cref="Bernoulli"/>, <see cref="Categorical"/>) also expose their probabilities, so that exact inference and
/// exact counterfactuals can enumerate them. Immutable and thread-safe: every fill takes the caller's random source.
/// </summary>
public abstract class Noise
{
    private protected Noise() { }

    /// <summary>N(mean, sd²).</summary>
    /// <param name="mean">Mean.</param>
    /// <param name="standardDeviation">Standard deviation, at least 0.</param>
    public static Noise Normal(double mean = 0, double standardDeviation = 1)
    {
        Check(standardDeviation, "standard deviation");
        return new Continuous($"Normal({F(mean)}, {F(standardDeviation)})",
            (r, a) => FillNormal(r, a, mean, standardDeviation), mean, standardDeviation * standardDeviation);
    }

    /// <summary>Uniform on [lower, upper].</summary>
    /// <param name="lower">Lower bound.</param>
    /// <param name="upper">Upper bound, above the lower one.</param>
    public static Noise Uniform(double lower = 0, double upper = 1) =>
        upper > lower
            ? new Continuous($"Uniform({F(lower)}, {F(upper)})", (r, a) => ContinuousUniform.Samples(r, a, lower, upper),
                (lower + upper) / 2, (upper - lower) * (upper - lower) / 12)
            : throw new ModelException($"Uniform noise needs lower < upper, got [{F(lower)}, {F(upper)}].");

    /// <summary>Laplace(location, scale): density exp(−|x − μ|/b)/(2b).</summary>
    /// <param name="location">Location μ.</param>
    /// <param name="scale">Scale b &gt; 0.</param>
    public static Noise Laplace(double location = 0, double scale = 1)
    {
        CheckPositive(scale, "scale");
        return new Continuous($"Laplace({F(location)}, {F(scale)})", (r, a) => MathNet.Numerics.Distributions.Laplace.Samples(r, a, location, scale), location, 2 * scale * scale);
    }

    /// <summary>Logistic(location, scale), the noise of a logit model.</summary>
    /// <param name="location">Location μ.</param>
    /// <param name="scale">Scale s &gt; 0.</param>
    public static Noise Logistic(double location = 0, double scale = 1)
    {
        CheckPositive(scale, "scale");
        return new Continuous($"Logistic({F(location)}, {F(scale)})", (r, a) => MathNet.Numerics.Distributions.Logistic.Samples(r, a, location, scale), location, scale * scale * Math.PI * Math.PI / 3);
    }

    /// <summary>Gumbel(location, scale) (maximum convention), sampled by inversion: μ − β ln(−ln U).</summary>
    /// <param name="location">Location μ.</param>
    /// <param name="scale">Scale β &gt; 0.</param>
    public static Noise Gumbel(double location = 0, double scale = 1)
    {
        CheckPositive(scale, "scale");
        return new Continuous($"Gumbel({F(location)}, {F(scale)})", (r, a) =>
        {
            ContinuousUniform.Samples(r, a, 0, 1);
            for (var i = 0; i < a.Length; i++) a[i] = location - scale * Math.Log(-Math.Log(Math.Max(a[i], double.Epsilon)));
        }, location + scale * 0.5772156649015329, scale * scale * Math.PI * Math.PI / 6);
    }

    /// <summary>Student's t with the given location, scale and degrees of freedom (heavy-tailed noise).</summary>
    /// <param name="location">Location.</param>
    /// <param name="scale">Scale &gt; 0.</param>
    /// <param name="freedom">Degrees of freedom &gt; 0.</param>
    public static Noise StudentT(double location, double scale, double freedom)
    {
        CheckPositive(scale, "scale");
        CheckPositive(freedom, "degrees of freedom");
        return new Continuous($"StudentT({F(location)}, {F(scale)}, {F(freedom)})", (r, a) => MathNet.Numerics.Distributions.StudentT.Samples(r, a, location, scale, freedom), location,
            freedom > 2 ? scale * scale * freedom / (freedom - 2) : double.PositiveInfinity);
    }

    /// <summary>A finite mixture: component k is chosen with probability w_k.</summary>
    /// <param name="components">(weight, noise) pairs; weights are positive and sum to 1.</param>
    public static Noise Mixture(params IEnumerable<(double Weight, Noise Component)> components)
    {
        var parts = components.ToArray();
        if (parts.Length == 0) throw new ModelException("A mixture needs at least one component.");
        if (parts.Any(p => !(p.Weight > 0))) throw new ModelException("Mixture weights must be positive.");
        var total = parts.Sum(p => p.Weight);
        if (Math.Abs(total - 1) > 1e-9) throw new ModelException($"Mixture weights sum to {F(total)}, not 1.");
        var mean = parts.Sum(p => p.Weight * p.Component.Mean);
        var variance = parts.Sum(p => p.Weight * (p.Component.Variance + p.Component.Mean * p.Component.Mean)) - mean * mean;
        var cumulative = new double[parts.Length];
        var acc = 0.0;
        for (var k = 0; k < parts.Length; k++) cumulative[k] = acc += parts[k].Weight;
        return new Continuous("Mixture(" + string.Join(", ", parts.Select(p => $"{F(p.Weight)}·{p.Component}")) + ")", (r, a) =>
        {
            var draws = new double[a.Length][];
            for (var k = 0; k < parts.Length; k++)
            {
                draws[k] = new double[a.Length];
                parts[k].Component.Fill(r, draws[k]);
            }
            for (var i = 0; i < a.Length; i++)
            {
                var u = r.NextDouble();
                var k = 0;
                while (k < parts.Length - 1 && u >= cumulative[k]) k++;
                a[i] = draws[k][i];
            }
        }, mean, variance);
    }

    /// <summary>Wraps any MathNet.Numerics continuous distribution. Its own random source is replaced by the
    /// sampler's (under a lock, since MathNet distributions are mutable), so results stay seeded and reproducible.</summary>
    /// <param name="distribution">The distribution.</param>
    public static Noise From(IContinuousDistribution distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return new Continuous(distribution.ToString() ?? distribution.GetType().Name, (r, a) =>
        {
            lock (distribution)
            {
                var previous = distribution.RandomSource;
                distribution.RandomSource = r;
                try { distribution.Samples(a); }
                finally { distribution.RandomSource = previous; }
            }
        }, distribution.Mean, distribution.Variance);
    }

    /// <summary>Bernoulli(p): 1 with probability p, else 0 (finite: usable in exact inference and counterfactuals).</summary>
    /// <param name="p">P(1), in [0, 1].</param>
    public static Noise Bernoulli(double p) =>
        p is >= 0 and <= 1 ? new Finite($"Bernoulli({F(p)})", [DecimalComplement(p), p]) : throw new ModelException($"A Bernoulli probability must be in [0, 1], got {F(p)}.");

    /// <summary>1 − p as the double nearest the complement of the decimal p was written as (1 − 0.7 gives 0.3, not
    /// 0.30000000000000004), so that exact inference, which reads probabilities as decimals, sees them sum to 1.</summary>
    private static double DecimalComplement(double p) => (Inference.Rational.One - Inference.Rational.FromDecimal(p)).ToDouble();

    /// <summary>A categorical distribution over the codes 0 … k−1 (finite: usable in exact inference).</summary>
    /// <param name="probabilities">P(0), …, P(k−1): non-negative, summing to 1.</param>
    public static Noise Categorical(params IEnumerable<double> probabilities)
    {
        var p = probabilities.ToArray();
        if (p.Length == 0) throw new ModelException("A categorical distribution needs at least one probability.");
        if (p.Any(x => !(x >= 0))) throw new ModelException("Categorical probabilities must be non-negative numbers.");
        var total = p.Sum();
        if (Math.Abs(total - 1) > 1e-9) throw new ModelException($"Categorical probabilities sum to {F(total)}, not 1.");
        return new Finite("Categorical(" + string.Join(", ", p.Select(F)) + ")", p);
    }

    /// <summary>True for finite (discrete) noise, whose values are the codes 0 … k−1.</summary>
    public abstract bool IsFinite { get; }

    /// <summary>For finite noise, P(code) for each code; empty otherwise.</summary>
    public abstract IReadOnlyList<double> Probabilities { get; }

    /// <summary>The mean of the distribution.</summary>
    public abstract double Mean { get; }

    /// <summary>The variance of the distribution.</summary>
    public abstract double Variance { get; }

    /// <summary>Fills <paramref name="values"/> with independent draws from <paramref name="random"/>.</summary>
    /// <param name="random">The random source (one per thread or row chunk).</param>
    /// <param name="values">The destination.</param>
    public abstract void Fill(Random random, double[] values);

    private static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    private static double Check(double x, string what) =>
        x >= 0 && double.IsFinite(x) ? x : throw new ModelException($"A noise {what} must be finite and at least 0, got {F(x)}.");

    private static double CheckPositive(double x, string what) =>
        x > 0 && double.IsFinite(x) ? x : throw new ModelException($"A noise {what} must be finite and positive, got {F(x)}.");

    private sealed class Continuous(string name, Action<Random, double[]> fill, double mean, double variance) : Noise
    {
        public override bool IsFinite => false;
        public override IReadOnlyList<double> Probabilities => [];
        public override double Mean => mean;
        public override double Variance => variance;
        public override void Fill(Random random, double[] values) => fill(random, values);
        public override string ToString() => name;
    }

    private sealed class Finite : Noise
    {
        private readonly string _name;
        private readonly double[] _p;
        private readonly double[] _cumulative;

        public Finite(string name, double[] p)
        {
            _name = name;
            _p = p;
            _cumulative = new double[p.Length];
            var acc = 0.0;
            for (var k = 0; k < p.Length; k++) _cumulative[k] = acc += p[k];
        }

        public override bool IsFinite => true;
        public override IReadOnlyList<double> Probabilities => _p;
        public override double Mean => _p.Select((q, k) => q * k).Sum();
        public override double Variance => _p.Select((q, k) => q * k * k).Sum() - Mean * Mean;

        public override void Fill(Random random, double[] values)
        {
            for (var i = 0; i < values.Length; i++) values[i] = Inverse(_cumulative, random.NextDouble());
        }

        public override string ToString() => _name;
    }

    /// <summary>The uniforms of <see cref="FillNormal"/>, one buffer per thread, kept while the block size stays the
    /// same (it is fixed by the sampler's chunk size).</summary>
    [ThreadStatic] private static double[]? _uniforms;

    /// <summary>
    /// Fills <paramref name="values"/> with N(mean, sd²) draws exactly as MathNet.Numerics 5's
    /// <c>Normal.Samples(random, values, mean, sd)</c> does (Marsaglia's polar method on a block of ⌈4n/π⌉ uniforms,
    /// rounded up to even, then on fresh pairs until the array is full), value for value and leaving the random source
    /// in the same state, but drawing the block into a per-thread buffer instead of a new array, so that sampling
    /// allocates nothing per row.
    /// </summary>
    internal static void FillNormal(Random random, Span<double> values, double mean, double standardDeviation)
    {
        if (values.IsEmpty) return;
        const double invPi = 0.31830988618379067154; // MathNet's Constants.InvPi
        var block = (int)Math.Ceiling(values.Length * 4 * invPi);
        if ((block & 1) == 1) block++;
        var uniforms = _uniforms is { } cached && cached.Length == block ? cached : _uniforms = new double[block];
        if (random is MathNet.Numerics.Random.RandomSource source) source.NextDoubles(uniforms); // its samples, without Random.NextDouble's indirections
        else for (var i = 0; i < uniforms.Length; i++) uniforms[i] = random.NextDouble();
        var index = 0;
        for (var i = 0; i < uniforms.Length && index < values.Length; i += 2)
        {
            if (!Polar(uniforms[i], uniforms[i + 1], out var x, out var y)) continue;
            values[index++] = mean + standardDeviation * x;
            if (index < values.Length) values[index++] = mean + standardDeviation * y;
        }
        while (index < values.Length)
        {
            if (!Polar(random.NextDouble(), random.NextDouble(), out var x, out var y)) continue;
            values[index++] = mean + standardDeviation * x;
            if (index < values.Length) values[index++] = mean + standardDeviation * y;
        }

        static bool Polar(double a, double b, out double x, out double y)
        {
            var v1 = 2.0 * a - 1.0;
            var v2 = 2.0 * b - 1.0;
            var r = v1 * v1 + v2 * v2;
            if (r >= 1.0 || r == 0.0)
            {
                x = y = 0;
                return false;
            }
            var fac = Math.Sqrt(-2.0 * Math.Log(r) / r);
            x = v1 * fac;
            y = v2 * fac;
            return true;
        }
    }

    /// <summary>The smallest code k with u &lt; cumulative[k] (the last code if rounding leaves u above the total).</summary>
    internal static int Inverse(ReadOnlySpan<double> cumulative, double u)
    {
        var k = 0;
        while (k < cumulative.Length - 1 && u >= cumulative[k]) k++;
        return k;
    }
}
