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

    private static Expression Walk(Expression e, ImmutableSortedSet<Symbol> visible) => e switch
    {
        SumTerm sum => WalkSum(sum, visible),
        ProductTerm product => Expression.Product(product.Factors.Select(f => Walk(f, visible))),
        FractionTerm fraction => Expression.Fraction(Walk(fraction.Numerator, visible), Walk(fraction.Denominator, visible)),
        _ => e,
    };

    private static Expression WalkSum(SumTerm sum, ImmutableSortedSet<Symbol> visible)
    {
        var body = sum.Body;
        var indices = new List<Symbol>();
        var taken = visible.Union(body.FreeSymbols);
        foreach (var index in sum.Indices)
        {
            if (!visible.Contains(index)) { indices.Add(index); continue; }
            var fresh = index;
            do fresh = fresh.Prime(); while (taken.Contains(fresh));
            taken = taken.Add(fresh);
            body = body.Rename(new Dictionary<Symbol, Symbol> { [index] = fresh });
            indices.Add(fresh);
        }
        return Expression.Sum(indices, Walk(body, visible.Union(indices)));
    }
}
