using System.Collections.Immutable;

namespace CausalScript.Expressions;

/// <summary>
/// Renames summation indices that shadow a symbol visible around them (the front-door formula's inner Σ over X
/// while x is the intervention value) to a fresh primed copy, so that printed estimands read unambiguously:
/// Σ_{x′} P(y | x′, m) P(x′). The meaning is unchanged: the tree already scopes its binders.
/// </summary>
public static class Readable
{
    /// <summary>The same expression with every shadowing index primed.</summary>
    /// <param name="expression">The expression.</param>
    /// <returns>An alpha-equivalent expression without shadowing.</returns>
    public static Expression Disambiguate(Expression expression) => Walk(expression, expression.FreeSymbols);

    /// <summary>The same expression with every index primed that shadows a free symbol or one of the query's values
    /// (P(y | do(x), z) = Σ_{x′} P(x′) P(y | x′, z) binds x′, not x, although x is not free in the estimand).</summary>
    /// <param name="expression">The expression.</param>
    /// <param name="queryValues">Symbols a reader sees around the expression, e.g. the query's y, x and z.</param>
    /// <returns>An alpha-equivalent expression without shadowing.</returns>
    public static Expression Disambiguate(Expression expression, IEnumerable<Symbol> queryValues) =>
        Walk(expression, expression.FreeSymbols.Union(queryValues));

    /// <remarks>A sub-expression in which nothing is renamed is returned as it is (rebuilding it through the smart
    /// constructors would give an equal expression, at the cost of recomputing every free-symbol set).</remarks>
    private static Expression Walk(Expression e, ImmutableSortedSet<Symbol> visible)
    {
        switch (e)
        {
            case SumTerm sum:
                return WalkSum(sum, visible);
            case ProductTerm product:
                var factors = product.Factors.Select(f => Walk(f, visible)).ToList();
                return factors.Select((f, i) => ReferenceEquals(f, product.Factors[i])).All(same => same) ? product : Expression.Product(factors);
            case FractionTerm fraction:
                var (numerator, denominator) = (Walk(fraction.Numerator, visible), Walk(fraction.Denominator, visible));
                return ReferenceEquals(numerator, fraction.Numerator) && ReferenceEquals(denominator, fraction.Denominator)
                    ? fraction
                    : Expression.Fraction(numerator, denominator);
            default:
                return e;
        }
    }

    private static Expression WalkSum(SumTerm sum, ImmutableSortedSet<Symbol> visible)
    {
        var body = sum.Body;
        var indices = new List<Symbol>();
        ImmutableSortedSet<Symbol>? taken = null;
        var renamed = false;
        foreach (var index in sum.Indices)
        {
            if (!visible.Contains(index)) { indices.Add(index); continue; }
            taken ??= visible.Union(body.FreeSymbols);
            var fresh = index;
            do fresh = fresh.Prime(); while (taken.Contains(fresh));
            taken = taken.Add(fresh);
            body = body.Rename(new Dictionary<Symbol, Symbol> { [index] = fresh });
            indices.Add(fresh);
            renamed = true;
        }
        var walked = Walk(body, visible.Union(indices));
        return !renamed && ReferenceEquals(walked, sum.Body) ? sum : Expression.Sum(indices, walked);
    }
}
