using CausalScript.Inference;

namespace CausalScript.Models;

/// <summary>
/// A shift intervention X := g(X_old), where X_old is what the original mechanism would produce from the same
/// parents and noise (e.g. g(x) = x + δ). The noise is kept, so the shifted model stays a valid SCM for
/// counterfactuals. For a finite variable g maps numeric values (bool 0/1, integers, category codes) and must stay
/// in the domain.
/// </summary>
internal sealed class ShiftMechanism : Mechanism
{
    private readonly Mechanism _inner;
    private readonly Func<double, double> _shift;
    private readonly double? _delta;
    private readonly string _description;

    public ShiftMechanism(Mechanism inner, Func<double, double> shift, double? delta, string description) : base(inner.Parents)
    {
        _inner = inner;
        _shift = shift;
        _delta = delta;
        _description = description;
    }

    public override MechanismKind Kind => MechanismKind.Shift;

    internal override bool HasNoise => _inner.HasNoise;

    internal override NoiseSpecification NoiseKind => _inner.NoiseKind == NoiseSpecification.FiniteRoot ? NoiseSpecification.DistributionOnly : _inner.NoiseKind;

    public override string Describe(Variable child) => $"{child.Name} := {_description} applied to ({_inner.Describe(child)})";

    internal override void Bind(Variable child) => _inner.Bind(child);

    internal override void DrawNoise(Random random, double[] noise) => _inner.DrawNoise(random, noise);

    private double Apply(Variable child, double code)
    {
        var offset = ValueCodec.NumericOffset(child);
        var shifted = _shift(code + offset) - offset;
        var valid = child.Domain.IsFinite ? shifted >= 0 && shifted < child.Size && shifted == Math.Floor(shifted) : double.IsFinite(shifted);
        if (!valid)
            throw new ModelException(
                $"The shift intervention on '{child.Name}' maps {ValueCodec.Describe(ValueCodec.ToObject(child, code))} to {shifted + offset}, " +
                (child.Domain.IsFinite ? $"outside its domain {child.Domain}." : "which is not a finite number."), child.Name);
        return shifted;
    }

    internal override void Compute(Variable child, in Columns parents, ReadOnlySpan<double> noise, Span<double> output)
    {
        _inner.Compute(child, parents, noise, output);
        for (var i = 0; i < output.Length; i++) output[i] = Apply(child, output[i]);
    }

    private T[] Compose<T>(Variable child, T[] inner, Func<T, T, T> add, T zero)
    {
        var size = child.Size;
        var result = new T[inner.Length];
        Array.Fill(result, zero);
        for (var c = 0; c * size < inner.Length; c++)
            for (var k = 0; k < size; k++)
            {
                var target = (int)Apply(child, k);
                result[c * size + target] = add(result[c * size + target], inner[c * size + k]);
            }
        return result;
    }

    internal override double[] Table(Variable child) => Compose(child, _inner.Table(child), (a, b) => a + b, 0.0);

    internal override Rational[] ExactTable(Variable child) => Compose(child, _inner.ExactTable(child), (a, b) => a + b, Rational.Zero);

    internal override void Abduct(Variable child, in Columns parents, ReadOnlySpan<double> observed, Span<double> noise)
    {
        if (_delta is not double delta)
            throw new ModelException($"Unit-level abduction through the shift intervention on '{child.Name}' needs a constant shift x + δ.", child.Name);
        var unshifted = new double[observed.Length];
        for (var i = 0; i < observed.Length; i++) unshifted[i] = observed[i] - delta;
        _inner.Abduct(child, parents, unshifted, noise);
    }
}
