using System.Collections.Immutable;
using CausalScript.Inference;

namespace CausalScript.Expressions;

/// <summary>The atom P_x(A | C): the (interventional, when x is not empty) probability of the outcome values A given
/// the condition values C. A variable appears at most once in an atom.</summary>
public sealed class ProbabilityTerm : Expression
{
    private ProbabilityTerm(ImmutableSortedSet<Symbol> outcomes, ImmutableSortedSet<Symbol> conditions, ImmutableSortedSet<Symbol> interventions)
    {
        Outcomes = outcomes;
        Conditions = conditions;
        Interventions = interventions;
        FreeSymbols = outcomes.Union(conditions).Union(interventions);
    }

    internal static Expression Create(IEnumerable<Symbol> outcomes, IEnumerable<Symbol> conditions, IEnumerable<Symbol> interventions)
    {
        var o = outcomes.ToImmutableSortedSet();
        var c = conditions.ToImmutableSortedSet();
        var x = interventions.ToImmutableSortedSet();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var s in o.Concat(c).Concat(x))
            if (!seen.Add(s.Variable))
                throw new CausalScriptException($"Variable '{s.Variable}' appears twice in one probability term.");
        return o.IsEmpty ? One : new ProbabilityTerm(o, c, x);
    }

    /// <summary>The head A.</summary>
    public ImmutableSortedSet<Symbol> Outcomes { get; }

    /// <summary>The conditions C.</summary>
    public ImmutableSortedSet<Symbol> Conditions { get; }

    /// <summary>The intervention x (empty for the observational distribution).</summary>
    public ImmutableSortedSet<Symbol> Interventions { get; }

    /// <summary>True for an observational atom.</summary>
    public bool IsObservational => Interventions.IsEmpty;

    /// <inheritdoc/>
    public override ImmutableSortedSet<Symbol> FreeSymbols { get; }

    internal override string Write(Format format)
    {
        string List(IEnumerable<Symbol> s) => string.Join(", ", s.Select(x => format == Format.Latex ? x.ToLatex() : x.ToString()));
        if (format == Format.Latex)
        {
            var sub = Interventions.IsEmpty ? "" : $"_{{{List(Interventions)}}}";
            return Conditions.IsEmpty ? $"P{sub}({List(Outcomes)})" : $"P{sub}({List(Outcomes)} \\mid {List(Conditions)})";
        }
        var given = new List<string>();
        if (!Interventions.IsEmpty) given.Add($"do({List(Interventions)})");
        if (!Conditions.IsEmpty) given.Add(List(Conditions));
        return given.Count == 0 ? $"P({List(Outcomes)})" : $"P({List(Outcomes)} | {string.Join(", ", given)})";
    }

    /// <inheritdoc/>
    public override Expression Rename(IReadOnlyDictionary<Symbol, Symbol> map)
    {
        Symbol R(Symbol s) => map.TryGetValue(s, out var t) ? t : s;
        return Create(Outcomes.Select(R), Conditions.Select(R), Interventions.Select(R));
    }

    internal override Expression Canonical(int depth) => this;
}

/// <summary>Σ over bound indices of a body.</summary>
public sealed class SumTerm : Expression
{
    private SumTerm(ImmutableSortedSet<Symbol> indices, Expression body)
    {
        Indices = indices;
        Body = body;
        FreeSymbols = body.FreeSymbols.Except(indices);
    }

    /// <summary>The bound indices.</summary>
    public ImmutableSortedSet<Symbol> Indices { get; }

    /// <summary>The summand.</summary>
    public Expression Body { get; }

    /// <inheritdoc/>
    public override ImmutableSortedSet<Symbol> FreeSymbols { get; }

    internal static Expression Create(IEnumerable<Symbol> indices, Expression body)
    {
        var used = indices.Where(body.FreeSymbols.Contains).ToImmutableSortedSet();
        if (used.IsEmpty) return body;
        switch (body)
        {
            case SumTerm inner:
                return Create(used.Union(inner.Indices), inner.Body);
            case ProbabilityTerm p when used.All(p.Outcomes.Contains):
                return ProbabilityTerm.Create(p.Outcomes.Except(used), p.Conditions, p.Interventions);   // Σ_y P(y, a | c) = P(a | c)
            case ProductTerm product:
                {
                    var factors = product.Factors.ToList();
                    var remaining = used;
                    // An index that only one atom mentions, as an outcome, sums that atom out.
                    foreach (var index in used)
                    {
                        var holders = factors.Where(f => f.FreeSymbols.Contains(index)).ToList();
                        if (holders.Count == 1 && holders[0] is ProbabilityTerm p && p.Outcomes.Contains(index))
                        {
                            factors[factors.IndexOf(holders[0])] = ProbabilityTerm.Create(p.Outcomes.Remove(index), p.Conditions, p.Interventions);
                            remaining = remaining.Remove(index);
                        }
                    }
                    // Factors free of the remaining indices move out of the sum.
                    var outside = factors.Where(f => !f.FreeSymbols.Overlaps(remaining)).ToList();
                    var inside = factors.Where(f => f.FreeSymbols.Overlaps(remaining)).ToList();
                    if (remaining.IsEmpty) return ProductTerm.Create(factors);
                    var summed = inside.Count == 1 && inside[0] is not ProductTerm
                        ? Create(remaining, inside[0])
                        : new SumTerm(remaining, ProductTerm.Create(inside));
                    return ProductTerm.Create(outside.Append(summed));
                }
            default:
                return new SumTerm(used, body);
        }
    }

    internal override string Write(Format format)
    {
        if (format == Format.Latex)
            return $"\\sum_{{{string.Join(", ", Indices.Select(i => i.ToLatex()))}}} {Body.Write(format)}";
        return $"sum_{{{string.Join(", ", Indices)}}} {Body.Write(format)}";
    }

    /// <inheritdoc/>
    public override Expression Rename(IReadOnlyDictionary<Symbol, Symbol> map)
    {
        // Bound indices shadow the map; an index that a renamed symbol would collide with is renamed first.
        var inner = map.Where(kv => !Indices.Contains(kv.Key)).ToDictionary(kv => kv.Key, kv => kv.Value);
        if (inner.Count == 0) return this;
        var targets = inner.Values.ToHashSet();
        var indices = Indices;
        var body = Body;
        foreach (var index in Indices.Where(targets.Contains))
        {
            var fresh = index;
            do fresh = fresh.Prime(); while (targets.Contains(fresh) || body.FreeSymbols.Contains(fresh) || inner.ContainsKey(fresh));
            body = body.Rename(new Dictionary<Symbol, Symbol> { [index] = fresh });
            indices = indices.Remove(index).Add(fresh);
        }
        return Create(indices, body.Rename(inner));
    }

    internal override Expression Canonical(int depth)
    {
        // Rename the indices by variable and position so that alpha-equivalent sums print alike.
        var map = new Dictionary<Symbol, Symbol>();
        foreach (var group in Indices.GroupBy(i => i.Variable))
        {
            var k = 0;
            foreach (var index in group) map[index] = new Symbol(index.Variable, 100 + 10 * depth + k++);
        }
        var body = RenameBound(Body, map).Canonical(depth + 1);
        return new SumTerm(map.Values.ToImmutableSortedSet(), body);
    }

    /// <summary>Renames without normalising (canonical forms keep the structure they were given).</summary>
    private static Expression RenameBound(Expression e, IReadOnlyDictionary<Symbol, Symbol> map) => e.Rename(map);
}

/// <summary>A product of factors.</summary>
public sealed class ProductTerm : Expression
{
    private ProductTerm(ImmutableArray<Expression> factors)
    {
        Factors = factors;
        FreeSymbols = factors.Aggregate(ImmutableSortedSet<Symbol>.Empty, (s, f) => s.Union(f.FreeSymbols));
    }

    /// <summary>The factors (at least two; none is a product or the constant 1).</summary>
    public ImmutableArray<Expression> Factors { get; }

    /// <inheritdoc/>
    public override ImmutableSortedSet<Symbol> FreeSymbols { get; }

    internal static Expression Create(IEnumerable<Expression> factors)
    {
        var list = new List<Expression>();
        var constant = Rational.One;
        foreach (var f in factors)
        {
            ArgumentNullException.ThrowIfNull(f);
            foreach (var g in f is ProductTerm p ? p.Factors.AsEnumerable() : [f])
            {
                if (g is ConstantTerm c) constant *= c.Value;
                else list.Add(g);
            }
        }
        if (constant == Rational.Zero) return Zero;
        if (constant != Rational.One) list.Insert(0, new ConstantTerm(constant));
        return list.Count switch
        {
            0 => One,
            1 => list[0],
            _ => new ProductTerm([.. list]),
        };
    }

    internal override string Write(Format format)
    {
        // A sum extends to the end of its product, so a sum that is not the last factor is parenthesised.
        var parts = Factors.Select((f, i) =>
        {
            var text = f.Write(format);
            var wrap = (f is SumTerm && i < Factors.Length - 1) || f is FractionTerm && format == Format.Text;
            return !wrap ? text : format == Format.Latex ? $"\\left({text}\\right)" : $"({text})";
        });
        return string.Join(" ", parts);
    }

    /// <inheritdoc/>
    public override Expression Rename(IReadOnlyDictionary<Symbol, Symbol> map) => Create(Factors.Select(f => f.Rename(map)));

    internal override Expression Canonical(int depth)
    {
        var factors = Factors.Select(f => f.Canonical(depth))
            .OrderBy(f => f is SumTerm ? 1 : 0)
            .ThenBy(f => f.Write(Format.Text), StringComparer.Ordinal)
            .ToImmutableArray();
        return new ProductTerm(factors);
    }
}

/// <summary>A fraction numerator / denominator.</summary>
public sealed class FractionTerm : Expression
{
    private FractionTerm(Expression numerator, Expression denominator)
    {
        Numerator = numerator;
        Denominator = denominator;
        FreeSymbols = numerator.FreeSymbols.Union(denominator.FreeSymbols);
    }

    /// <summary>The numerator.</summary>
    public Expression Numerator { get; }

    /// <summary>The denominator.</summary>
    public Expression Denominator { get; }

    /// <inheritdoc/>
    public override ImmutableSortedSet<Symbol> FreeSymbols { get; }

    internal static Expression Create(Expression numerator, Expression denominator)
    {
        ArgumentNullException.ThrowIfNull(numerator);
        ArgumentNullException.ThrowIfNull(denominator);
        if (denominator is ConstantTerm { Value: var d } && d == Rational.Zero) throw new CausalScriptException("Division by the constant 0.");
        if (denominator is ConstantTerm { Value: var one } && one == Rational.One) return numerator;
        if (numerator is ConstantTerm { Value: var z } && z == Rational.Zero) return Zero;
        return new FractionTerm(numerator, denominator);
    }

    internal override string Write(Format format) => format == Format.Latex
        ? $"\\frac{{{Numerator.Write(format)}}}{{{Denominator.Write(format)}}}"
        : $"[{Numerator.Write(format)}] / [{Denominator.Write(format)}]";

    /// <inheritdoc/>
    public override Expression Rename(IReadOnlyDictionary<Symbol, Symbol> map) => Create(Numerator.Rename(map), Denominator.Rename(map));

    internal override Expression Canonical(int depth) => new FractionTerm(Numerator.Canonical(depth), Denominator.Canonical(depth));
}
