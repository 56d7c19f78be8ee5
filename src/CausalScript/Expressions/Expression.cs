using System.Collections.Immutable;
using CausalScript.Inference;

namespace CausalScript.Expressions;

/// <summary>
/// An immutable probability expression: the estimands of identification. Built from atoms
/// <see cref="ProbabilityTerm"/> P_x(A | C), sums Σ, products, fractions and constants through smart constructors that
/// normalise (products are flattened and lose their 1s, empty sums vanish, nested sums merge, Σ_y P(y, a | c) becomes
/// P(a | c)). Two expressions are <see cref="Equals(Expression?)">equal</see> when their canonical forms agree: up to
/// the order of factors and the names of bound indices. Renderings: <see cref="ToText"/> (parseable by
/// <see cref="ExpressionParser"/>), <see cref="ToLatex"/>.
/// </summary>
public abstract class Expression : IEquatable<Expression>
{
    private string? _canonical;

    private protected Expression() { }

    /// <summary>The constant 1.</summary>
    public static Expression One { get; } = new ConstantTerm(Rational.One);

    /// <summary>The constant 0.</summary>
    public static Expression Zero { get; } = new ConstantTerm(Rational.Zero);

    /// <summary>The symbols this expression depends on: all but the summation indices.</summary>
    public abstract ImmutableSortedSet<Symbol> FreeSymbols { get; }

    /// <summary>The text form, e.g. <c>sum_{M} P(M | X) sum_{X'} P(Y | M, X') P(X')</c>; <see cref="ExpressionParser.Parse"/> reads it back.</summary>
    public string ToText() => Write(Format.Text);

    /// <summary>The LaTeX form, e.g. <c>\sum_{m} P(m \mid x) \sum_{x'} P(y \mid m, x') P(x')</c>.</summary>
    public string ToLatex() => Write(Format.Latex);

    /// <summary>The text form.</summary>
    public override string ToString() => ToText();

    internal enum Format { Text, Latex }

    internal abstract string Write(Format format);

    /// <summary>Replaces free symbols (bound indices are untouched).</summary>
    /// <param name="map">Old symbol → new symbol.</param>
    public abstract Expression Rename(IReadOnlyDictionary<Symbol, Symbol> map);

    /// <summary>True if the two expressions have the same canonical form (factor order and bound-index names do not matter).</summary>
    /// <param name="other">The other expression.</param>
    public bool Equals(Expression? other) => other is not null && CanonicalText == other.CanonicalText;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Expression e && Equals(e);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(CanonicalText);

    /// <summary>The canonical text: products sorted, bound indices renamed by position.</summary>
    internal string CanonicalText => _canonical ??= Canonical(0).Write(Format.Text);

    /// <summary>This expression with products sorted and the indices bound at nesting depth d renamed to primes 100 + d…</summary>
    internal abstract Expression Canonical(int depth);

    // ── smart constructors ────────────────────────────────────────────────────────────────────────────────

    /// <summary>The atom P(outcomes | conditions).</summary>
    /// <param name="outcomes">The head.</param>
    /// <param name="conditions">The conditioning values.</param>
    public static Expression P(IEnumerable<Symbol> outcomes, IEnumerable<Symbol>? conditions = null) => ProbabilityTerm.Create(outcomes, conditions ?? [], []);

    /// <summary>The atom P_x(outcomes | conditions) of an interventional distribution.</summary>
    /// <param name="outcomes">The head.</param>
    /// <param name="conditions">The conditioning values.</param>
    /// <param name="interventions">The intervention x.</param>
    public static Expression P(IEnumerable<Symbol> outcomes, IEnumerable<Symbol> conditions, IEnumerable<Symbol> interventions) =>
        ProbabilityTerm.Create(outcomes, conditions, interventions);

    /// <summary>Σ over the indices of the body, normalised: empty index sets vanish, nested sums merge, indices the
    /// body does not use are dropped (they would only multiply by a domain size, which an estimand never means), and
    /// Σ_y P(y, a | c) is P(a | c).</summary>
    /// <param name="indices">The bound symbols.</param>
    /// <param name="body">The summand.</param>
    public static Expression Sum(IEnumerable<Symbol> indices, Expression body) => SumTerm.Create(indices, body);

    /// <summary>The product, flattened, without 1s; 0 if a factor is 0.</summary>
    /// <param name="factors">The factors.</param>
    public static Expression Product(params IEnumerable<Expression> factors) => ProductTerm.Create(factors);

    /// <summary>The fraction numerator / denominator (numerator when the denominator is 1).</summary>
    /// <param name="numerator">The numerator.</param>
    /// <param name="denominator">The denominator.</param>
    public static Expression Fraction(Expression numerator, Expression denominator) => FractionTerm.Create(numerator, denominator);

    /// <summary>A rational constant.</summary>
    /// <param name="value">The value.</param>
    public static Expression Const(Rational value) => value == Rational.One ? One : value == Rational.Zero ? Zero : new ConstantTerm(value);

    /// <summary>The product of two expressions.</summary>
    /// <param name="a">Left.</param>
    /// <param name="b">Right.</param>
    public static Expression operator *(Expression a, Expression b) => Product(a, b);

    /// <summary>The fraction of two expressions.</summary>
    /// <param name="a">Numerator.</param>
    /// <param name="b">Denominator.</param>
    public static Expression operator /(Expression a, Expression b) => Fraction(a, b);
}

/// <summary>A rational constant (0 and 1 in estimands: impossible and certain events).</summary>
public sealed class ConstantTerm : Expression
{
    internal ConstantTerm(Rational value) => Value = value;

    /// <summary>The value.</summary>
    public Rational Value { get; }

    /// <inheritdoc/>
    public override ImmutableSortedSet<Symbol> FreeSymbols => [];

    internal override string Write(Format format) => format == Format.Latex && Value.Denominator != 1
        ? $"\\frac{{{Value.Numerator}}}{{{Value.Denominator}}}"
        : Value.ToString();

    /// <inheritdoc/>
    public override Expression Rename(IReadOnlyDictionary<Symbol, Symbol> map) => this;

    internal override Expression Canonical(int depth) => this;
}
