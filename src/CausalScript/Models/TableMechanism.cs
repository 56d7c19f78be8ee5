using System.Globalization;
using System.Runtime.CompilerServices;
using CausalScript.Inference;

namespace CausalScript.Models;

public abstract partial class Mechanism
{
    /// <summary>A prior P(X) for a root variable (one probability per value of X, in domain order).</summary>
    /// <param name="probabilities">Non-negative, summing to 1.</param>
    public static Mechanism Prior(params IEnumerable<double> probabilities) => new TableMechanism([], probabilities.ToArray(), null, null);

    /// <summary>An exact prior P(X) in rationals.</summary>
    /// <param name="probabilities">Non-negative, summing to exactly 1.</param>
    public static Mechanism Prior(params IEnumerable<Rational> probabilities)
    {
        var exact = probabilities.ToArray();
        return new TableMechanism([], exact.Select(r => r.ToDouble()).ToArray(), exact, null);
    }

    /// <summary>A conditional probability table P(X | parents) given as one flat list: parent configurations in
    /// row-major order (the last parent varies fastest), and within each the probabilities of X's values.</summary>
    /// <param name="parents">The parents (finite variables).</param>
    /// <param name="probabilities">configurations × |X| probabilities; each row sums to 1.</param>
    public static Mechanism Cpt(IEnumerable<Variable> parents, IEnumerable<double> probabilities) =>
        new TableMechanism(parents, probabilities.ToArray(), null, null);

    /// <summary>An exact conditional probability table in rationals (layout as in <see cref="Cpt(IEnumerable{Variable}, IEnumerable{double})"/>).</summary>
    /// <param name="parents">The parents (finite variables).</param>
    /// <param name="probabilities">configurations × |X| rationals; each row sums to exactly 1.</param>
    public static Mechanism Cpt(IEnumerable<Variable> parents, IEnumerable<Rational> probabilities)
    {
        var exact = probabilities.ToArray();
        return new TableMechanism(parents, exact.Select(r => r.ToDouble()).ToArray(), exact, null);
    }

    /// <summary>A conditional probability table given row by row, each row keyed by the parents' values: a single
    /// value (<c>"g0"</c>, <c>true</c>, <c>3</c>) for one parent, a tuple (<c>("low", "g0")</c>) for several, in the
    /// order of <paramref name="parents"/>. Every configuration must appear exactly once.</summary>
    /// <param name="parents">The parents (finite variables).</param>
    /// <param name="rows">(key, probabilities of X's values) pairs.</param>
    public static Mechanism Cpt(IEnumerable<Variable> parents, params IEnumerable<(object Key, double[] Probabilities)> rows)
    {
        var pa = parents.ToArray();
        var list = rows.ToArray();
        var configs = pa.Aggregate(1, (acc, p) => checked(acc * p.Size));
        var width = list.Length == 0 ? 0 : list[0].Probabilities.Length;
        var flat = new double[configs * width];
        var seen = new bool[configs];
        foreach (var (key, probabilities) in list)
        {
            var values = key is ITuple t && pa.Length > 1 ? Enumerable.Range(0, t.Length).Select(i => t[i]).ToArray() : [key];
            if (values.Length != pa.Length)
                throw new ModelException(
                    $"A CPT row key {ValueCodec.Describe(key)} has {values.Length} value(s), but there are {pa.Length} parents ({string.Join(", ", pa.Select(p => p.Name))}).");
            var config = 0;
            for (var i = 0; i < pa.Length; i++) config = config * pa[i].Size + pa[i].Domain.IndexOf(values[i]!, pa[i].Name);
            if (seen[config]) throw new ModelException($"The CPT has two rows for ({Configuration(pa, config)}).");
            if (probabilities.Length != width)
                throw new ModelException($"The CPT row for ({Configuration(pa, config)}) has {probabilities.Length} probabilities; other rows have {width}.");
            seen[config] = true;
            probabilities.CopyTo(flat, config * width);
        }
        var missing = Array.IndexOf(seen, false);
        if (missing >= 0) throw new ModelException($"The CPT has no row for ({Configuration(pa, missing)}).");
        return new TableMechanism(pa, flat, null, null);
    }

    /// <summary>"T = high, H = g1" for a parent configuration index.</summary>
    private protected static string Configuration(IReadOnlyList<Variable> parents, int config)
    {
        var codes = new int[parents.Count];
        for (var i = parents.Count - 1; i >= 0; i--)
        {
            codes[i] = config % parents[i].Size;
            config /= parents[i].Size;
        }
        return ValueCodec.DescribeRow(parents, i => codes[i]);
    }
}

/// <summary>
/// A conditional probability table P(X | parents): the mechanism of a causal Bayesian network. Sampling draws
/// U ~ Uniform(0, 1) and returns the smallest value whose cumulative probability exceeds U. That inverse-CDF coupling
/// is one of many SCMs with this table, so a table with parents does not determine counterfactuals.
/// </summary>
internal sealed class TableMechanism : Mechanism
{
    private readonly double[] _p;
    private readonly Rational[]? _exact;
    private double[]? _cumulative;

    public TableMechanism(IEnumerable<Variable> parents, double[] probabilities, Rational[]? exact, string? _) : base(parents)
    {
        _p = probabilities;
        _exact = exact;
    }

    public override MechanismKind Kind => MechanismKind.Table;

    internal override bool HasNoise => true;

    internal override NoiseSpecification NoiseKind => Parents.Count == 0 ? NoiseSpecification.FiniteRoot : NoiseSpecification.DistributionOnly;

    public override string Describe(Variable child) =>
        Parents.Count == 0 ? $"P({child.Name}) table" : $"P({child.Name} | {string.Join(", ", Parents.Select(p => p.Name))}) table";

    internal override void Bind(Variable child)
    {
        RequireFinite(child, "a probability table");
        RequireFiniteParents(child, "The probability table");
        var size = child.Size;
        var configs = ParentConfigurations;
        if (_p.Length != configs * size)
            throw new ModelException(
                $"The table of '{child.Name}' has {_p.Length} probabilities, but needs {configs} parent configuration(s) × {size} values of " +
                $"'{child.Name}' {child.Domain} = {configs * size}.", child.Name);
        var cumulative = new double[_p.Length];
        for (var c = 0; c < configs; c++)
        {
            var sum = 0.0;
            for (var k = 0; k < size; k++)
            {
                var p = _p[c * size + k];
                if (!(p >= 0) || !double.IsFinite(p))
                    throw new ModelException(
                        $"The table of '{child.Name}' has the invalid probability {ValueCodec.Describe(p)} for {child.Name} = {ValueCodec.Describe(child.Domain.ValueAt(k))} in row ({Row(c)}).", child.Name);
                cumulative[c * size + k] = sum += p;
            }
            var exactSum = _exact is null ? default : _exact.AsSpan(c * size, size).ToArray().Aggregate(Rational.Zero, (a, b) => a + b);
            if (_exact is not null ? exactSum != Rational.One : Math.Abs(sum - 1) > 1e-9)
                throw new ModelException(
                    $"Row ({Row(c)}) of the table of '{child.Name}' sums to {(_exact is null ? sum.ToString("R", CultureInfo.InvariantCulture) : exactSum.ToString())}, not 1.", child.Name);
        }
        _cumulative = cumulative;
    }

    private string Row(int config) => Parents.Count == 0 ? "the prior" : Configuration(Parents, config);

    internal override void DrawNoise(Random random, double[] noise)
    {
        // The same uniforms either way; MathNet's bulk draw skips Random.NextDouble's indirections.
        if (random is MathNet.Numerics.Random.RandomSource source) source.NextDoubles(noise);
        else for (var i = 0; i < noise.Length; i++) noise[i] = random.NextDouble();
    }

    internal override void Compute(Variable child, in Columns parents, ReadOnlySpan<double> noise, Span<double> output)
    {
        var cumulative = _cumulative ?? throw new InvalidOperationException("Unbound mechanism.");
        var size = child.Size;
        var pa = Parents;
        for (var i = 0; i < output.Length; i++)
        {
            var config = 0;
            for (var p = 0; p < pa.Count; p++) config = config * pa[p].Size + (int)parents.At(p, i);
            output[i] = Models.Noise.Inverse(cumulative.AsSpan(config * size, size), noise[i]);
        }
    }


    /// <summary>A root's value is its own noise: pick the noise value in the middle of the observed value's
    /// cumulative interval, so replaying it reproduces the value. A table with parents has no such inverse.</summary>
    internal override void Abduct(Variable child, in Columns parents, ReadOnlySpan<double> observed, Span<double> noise)
    {
        if (Parents.Count > 0) base.Abduct(child, parents, observed, noise);
        var cumulative = _cumulative ?? throw new InvalidOperationException("Unbound mechanism.");
        for (var i = 0; i < observed.Length; i++)
        {
            var k = (int)observed[i];
            var low = k == 0 ? 0 : cumulative[k - 1];
            if (!(cumulative[k] > low))
                throw new ModelException($"Unit {i} has '{child.Name}' = {ValueCodec.Describe(child.Domain.ValueAt(k))}, which has probability 0 under its prior.", child.Name);
            noise[i] = (low + cumulative[k]) / 2;
        }
    }

    internal override double[] Table(Variable child) => _p;

    internal override Rational[] ExactTable(Variable child)
    {
        if (_exact is not null) return _exact;
        var exact = _p.Select(Rational.FromDecimal).ToArray();
        var size = child.Size;
        for (var c = 0; c * size < exact.Length; c++)
        {
            var sum = exact.AsSpan(c * size, size).ToArray().Aggregate(Rational.Zero, (a, b) => a + b);
            if (sum != Rational.One)
                throw new ModelException(
                    $"Row ({Row(c)}) of the table of '{child.Name}', read as the decimals it was written with, sums to {sum} in exact " +
                    "arithmetic, not 1. Give the table in rationals (Mechanism.Cpt with Rational values) for exact inference.", child.Name);
        }
        return exact;
    }
}
