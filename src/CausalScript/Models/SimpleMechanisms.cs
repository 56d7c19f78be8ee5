using CausalScript.Inference;

namespace CausalScript.Models;

public abstract partial class Mechanism
{
    /// <summary>An exogenous root drawn from a noise distribution: a latent noise term shared by other mechanisms,
    /// a continuous root, or (as an intervention) a stochastic intervention. A finite variable needs finite noise
    /// with one probability per value.</summary>
    /// <param name="noise">The distribution.</param>
    public static Mechanism Exogenous(Noise noise) => new ExogenousMechanism(noise ?? throw new ArgumentNullException(nameof(noise)));

    /// <summary>A constant: what a hard intervention do(X = x) puts in place of X's mechanism.</summary>
    /// <param name="value">The value (bool, int, label or double, matching the variable).</param>
    public static Mechanism Constant(object value) => new ConstantMechanism(value);
}

/// <summary>A root whose value is drawn from a <see cref="Noise"/> distribution.</summary>
internal sealed class ExogenousMechanism(Noise noise) : Mechanism([])
{
    public Noise Distribution => noise;

    public override MechanismKind Kind => MechanismKind.Exogenous;

    internal override bool HasNoise => true;

    internal override NoiseSpecification NoiseKind => noise.IsFinite ? NoiseSpecification.FiniteRoot : NoiseSpecification.Explicit;

    public override string Describe(Variable child) => $"{child.Name} ~ {noise}";

    internal override void Bind(Variable child)
    {
        if (child.Domain.IsFinite && (!noise.IsFinite || noise.Probabilities.Count != child.Size))
            throw new ModelException(
                $"'{child.Name}' has {child.Size} values {child.Domain}, so its distribution must be finite with {child.Size} probabilities; got {noise}.", child.Name);
    }

    internal override void DrawNoise(Random random, double[] values) => noise.Fill(random, values);

    internal override void Compute(Variable child, in Columns parents, ReadOnlySpan<double> values, Span<double> output) => values.CopyTo(output);

    internal override double[] Table(Variable child)
    {
        RequireFinite(child, "an exact table");
        return noise.Probabilities.ToArray();
    }

    internal override Rational[] ExactTable(Variable child)
    {
        var exact = Table(child).Select(Rational.FromDecimal).ToArray();
        var sum = exact.Aggregate(Rational.Zero, (a, b) => a + b);
        if (sum != Rational.One)
            throw new ModelException(
                $"The distribution of '{child.Name}', read as the decimals it was written with, sums to {sum}, not 1; use Mechanism.Prior with rationals for exact inference.", child.Name);
        return exact;
    }

    internal override void Abduct(Variable child, in Columns parents, ReadOnlySpan<double> observed, Span<double> values) => observed.CopyTo(values);
}

/// <summary>The constant mechanism of a hard intervention.</summary>
internal sealed class ConstantMechanism(object value) : Mechanism([])
{
    public object Value => value;

    public override MechanismKind Kind => MechanismKind.Constant;

    internal override bool HasNoise => false;

    internal override NoiseSpecification NoiseKind => NoiseSpecification.None;

    public override string Describe(Variable child) => $"{child.Name} := {ValueCodec.Describe(value)}";

    internal double Code(Variable child) => ValueCodec.ToCode(child, value);

    internal override void Bind(Variable child) => Code(child);

    internal override void DrawNoise(Random random, double[] noise) { }

    internal override void Compute(Variable child, in Columns parents, ReadOnlySpan<double> noise, Span<double> output) => output.Fill(Code(child));

    internal override double[] Table(Variable child) => IndicatorTable(child, 0.0, 1.0);

    internal override Rational[] ExactTable(Variable child) => IndicatorTable(child, Rational.Zero, Rational.One);

    internal override void Abduct(Variable child, in Columns parents, ReadOnlySpan<double> observed, Span<double> noise) { }
}
