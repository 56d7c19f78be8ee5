using System.Globalization;
using System.Numerics;

namespace CausalScript.Inference;

/// <summary>An exact rational number (BigInteger numerator over a positive denominator, always in lowest terms), with
/// the .NET generic-math operator interfaces that <see cref="Factor{T}"/> needs — so exact inference and estimand
/// evaluation can run in fractions and tests can compare results such as 29/100 exactly.</summary>
/// <remarks>The served <c>Fractions</c> package does not implement the generic-math interfaces, hence this small type.</remarks>
public readonly struct Rational :
    IAdditionOperators<Rational, Rational, Rational>, ISubtractionOperators<Rational, Rational, Rational>,
    IMultiplyOperators<Rational, Rational, Rational>, IDivisionOperators<Rational, Rational, Rational>,
    IUnaryNegationOperators<Rational, Rational>, IAdditiveIdentity<Rational, Rational>,
    IMultiplicativeIdentity<Rational, Rational>, IEqualityOperators<Rational, Rational, bool>,
    IComparisonOperators<Rational, Rational, bool>, IComparable<Rational>, IComparable, IEquatable<Rational>
{
    private readonly BigInteger _numerator;
    private readonly BigInteger _denominatorMinusOne; // default(Rational) is 0/1

    /// <summary>numerator / denominator, reduced to lowest terms.</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">A non-zero denominator.</param>
    /// <exception cref="DivideByZeroException">A zero denominator.</exception>
    public Rational(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero) throw new DivideByZeroException("A rational number cannot have a zero denominator.");
        if (denominator.Sign < 0) (numerator, denominator) = (-numerator, -denominator);
        var gcd = BigInteger.GreatestCommonDivisor(numerator, denominator);
        if (!gcd.IsOne && !gcd.IsZero) (numerator, denominator) = (numerator / gcd, denominator / gcd);
        _numerator = numerator;
        _denominatorMinusOne = denominator - 1;
    }

    /// <summary>The numerator (carries the sign).</summary>
    public BigInteger Numerator => _numerator;

    /// <summary>The denominator (always positive).</summary>
    public BigInteger Denominator => _denominatorMinusOne + 1;

    /// <summary>0.</summary>
    public static Rational Zero => default;

    /// <summary>1.</summary>
    public static Rational One => new(1, 1);

    /// <inheritdoc />
    public static Rational AdditiveIdentity => Zero;

    /// <inheritdoc />
    public static Rational MultiplicativeIdentity => One;

    /// <summary>An integer.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Rational(int value) => new(value, 1);

    /// <summary>An integer.</summary>
    /// <param name="value">The value.</param>
    public static implicit operator Rational(long value) => new(value, 1);

    /// <summary>The nearest double.</summary>
    /// <param name="value">The rational.</param>
    public static explicit operator double(Rational value) => value.ToDouble();

    /// <summary>The exact value of a finite double (a dyadic fraction: 0.1 becomes 3602879701896397/36028797018963968).
    /// Use <see cref="Parse"/> for decimal literals such as "0.1".</summary>
    /// <param name="value">A finite double.</param>
    /// <returns>The exact rational.</returns>
    /// <exception cref="ArgumentException">NaN or infinity.</exception>
    public static Rational FromDouble(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value} has no rational value.", nameof(value));
        var bits = BitConverter.DoubleToInt64Bits(value);
        var negative = bits < 0;
        var exponent = (int)((bits >> 52) & 0x7FF);
        var mantissa = bits & 0xFFFFFFFFFFFFFL;
        if (exponent == 0) exponent++; else mantissa |= 1L << 52;
        exponent -= 1075;
        BigInteger num = mantissa, den = BigInteger.One;
        if (exponent > 0) num <<= exponent; else den <<= -exponent;
        return new Rational(negative ? -num : num, den);
    }

    /// <summary>The decimal a double was written as: the shortest round-trip decimal of the double, exactly
    /// (0.1 becomes 1/10, 1e-5 becomes 1/100000). This is how probabilities typed as decimals become exact.</summary>
    /// <param name="value">A finite double.</param>
    /// <returns>The rational value of the shortest decimal that round-trips to <paramref name="value"/>.</returns>
    /// <exception cref="ArgumentException">NaN or infinity.</exception>
    public static Rational FromDecimal(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"{value} has no rational value.", nameof(value));
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        var e = text.IndexOfAny(['E', 'e']);
        if (e < 0) return Parse(text);
        var mantissa = Parse(text[..e]);
        var exponent = int.Parse(text[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var scale = new Rational(BigInteger.Pow(10, Math.Abs(exponent)), 1);
        return exponent >= 0 ? mantissa * scale : mantissa / scale;
    }

    /// <summary>Parses "3", "-3/4" or a decimal such as "0.125" exactly.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The rational.</returns>
    /// <exception cref="FormatException">Malformed text.</exception>
    public static Rational Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var t = text.Trim();
        var slash = t.IndexOf('/');
        if (slash >= 0)
            return new Rational(BigInteger.Parse(t[..slash], CultureInfo.InvariantCulture), BigInteger.Parse(t[(slash + 1)..], CultureInfo.InvariantCulture));
        var dot = t.IndexOf('.');
        if (dot < 0) return new Rational(BigInteger.Parse(t, CultureInfo.InvariantCulture), 1);
        var digits = t.Length - dot - 1;
        return new Rational(BigInteger.Parse(t.Remove(dot, 1), CultureInfo.InvariantCulture), BigInteger.Pow(10, digits));
    }

    /// <summary>The nearest double.</summary>
    /// <returns>The value as a double.</returns>
    public double ToDouble()
    {
        if (_numerator.IsZero) return 0;
        var n = BigInteger.Abs(_numerator);
        var d = Denominator;
        // Scale so that the quotient has 55 or 56 bits, and mark a non-zero remainder in its lowest bit (a sticky bit
        // below the rounding position): converting that exact long to double then rounds to nearest, ties to even,
        // as the true quotient would. (BigInteger's own conversion to double truncates.)
        var shift = (int)(d.GetBitLength() - n.GetBitLength() + 55);
        var q = shift >= 0 ? BigInteger.DivRem(n << shift, d, out var remainder) : BigInteger.DivRem(n, d << -shift, out remainder);
        var magnitude = Math.ScaleB((double)((long)q | (remainder.IsZero ? 0L : 1L)), -shift);
        return _numerator.Sign < 0 ? -magnitude : magnitude;
    }

    /// <inheritdoc />
    public static Rational operator +(Rational a, Rational b) =>
        new(a._numerator * b.Denominator + b._numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <inheritdoc />
    public static Rational operator -(Rational a, Rational b) =>
        new(a._numerator * b.Denominator - b._numerator * a.Denominator, a.Denominator * b.Denominator);

    /// <inheritdoc />
    public static Rational operator *(Rational a, Rational b) => new(a._numerator * b._numerator, a.Denominator * b.Denominator);

    /// <inheritdoc />
    public static Rational operator /(Rational a, Rational b)
    {
        if (b._numerator.IsZero) throw new DivideByZeroException("Division of a rational number by zero.");
        return new(a._numerator * b.Denominator, a.Denominator * b._numerator);
    }

    /// <inheritdoc />
    public static Rational operator -(Rational a) => new(-a._numerator, a.Denominator);

    /// <inheritdoc />
    public static bool operator ==(Rational a, Rational b) => a.Equals(b);

    /// <inheritdoc />
    public static bool operator !=(Rational a, Rational b) => !a.Equals(b);

    /// <inheritdoc />
    public static bool operator <(Rational a, Rational b) => a.CompareTo(b) < 0;

    /// <inheritdoc />
    public static bool operator >(Rational a, Rational b) => a.CompareTo(b) > 0;

    /// <inheritdoc />
    public static bool operator <=(Rational a, Rational b) => a.CompareTo(b) <= 0;

    /// <inheritdoc />
    public static bool operator >=(Rational a, Rational b) => a.CompareTo(b) >= 0;

    /// <inheritdoc />
    public int CompareTo(Rational other) => (_numerator * other.Denominator).CompareTo(other._numerator * Denominator);

    /// <inheritdoc />
    public int CompareTo(object? obj) => obj is Rational r ? CompareTo(r) : throw new ArgumentException("Not a Rational.", nameof(obj));

    /// <inheritdoc />
    public bool Equals(Rational other) => _numerator == other._numerator && Denominator == other.Denominator;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Rational r && Equals(r);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_numerator, Denominator);

    /// <summary><c>29/100</c>, or <c>3</c> for an integer.</summary>
    public override string ToString() =>
        Denominator.IsOne ? _numerator.ToString(CultureInfo.InvariantCulture) : $"{_numerator.ToString(CultureInfo.InvariantCulture)}/{Denominator.ToString(CultureInfo.InvariantCulture)}";
}
