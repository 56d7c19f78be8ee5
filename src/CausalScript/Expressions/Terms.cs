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

    /// <summary>P(outcomes | conditions), observational, for a caller that guarantees what <see cref="Create"/>
    /// checks: no variable appears twice among the outcomes and conditions. The same term as <see cref="Create"/>
    /// builds, without copying the sets or checking them.</summary>
    internal static Expression CreateDistinct(ImmutableSortedSet<Symbol> outcomes, ImmutableSortedSet<Symbol> conditions) =>
        outcomes.IsEmpty ? One : new ProbabilityTerm(outcomes, conditions, ImmutableSortedSet<Symbol>.Empty);

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
        FreeSymbols = Without(body.FreeSymbols, indices);
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
            case ProbabilityTerm p when used.Overlaps(p.Outcomes):
                // Σ_y P(y, a | c) = P(a | c); indices among the conditions stay (or vanish with the atom, as unused ones do).
                return Create(used.Except(p.Outcomes), ProbabilityTerm.Create(p.Outcomes.Except(used), p.Conditions, p.Interventions));
            case ProductTerm product:
                {
                    var factors = product.Factors.ToList();
                    var remaining = used;
                    // An index that only one atom mentions, as an outcome, sums that atom out. Repeat until nothing changes
                    // (summing one atom out can leave another index with a single holder, or with none: such an index is
                    // dropped like any index the body does not use), so that the result is a normal form.
                    // The result does not depend on the order of the steps: a step only removes symbols, so every
                    // other enabled step stays enabled with the same effect. So the steps are taken from a worklist:
                    // the holders of every index are counted once (with the sum of their positions, which is the
                    // position of the holder when there is one), and an index is looked at again only when a step
                    // took away one of its holders, the only event that can enable a step on it.
                    var holders = new Dictionary<Symbol, (int Count, int PositionSum)>();
                    for (var k = 0; k < factors.Count; k++)
                        foreach (var symbol in factors[k].FreeSymbols)
                            if (used.Contains(symbol))
                                holders[symbol] = holders.TryGetValue(symbol, out var h) ? (h.Count + 1, h.PositionSum + k) : (1, k);
                    var pending = new Stack<Symbol>(used.Reverse());
                    while (pending.TryPop(out var index))
                    {
                        if (!remaining.Contains(index)) continue;
                        var (count, position) = holders.GetValueOrDefault(index);
                        if (count == 0)
                        {
                            remaining = remaining.Remove(index);
                        }
                        else if (count == 1 && factors[position] is ProbabilityTerm p && p.Outcomes.Contains(index))
                        {
                            var reduced = ProbabilityTerm.Create(p.Outcomes.Remove(index), p.Conditions, p.Interventions);
                            factors[position] = reduced;
                            remaining = remaining.Remove(index);
                            // The atom lost the index (and, when it became 1, all its other symbols).
                            foreach (var lost in p.FreeSymbols)
                            {
                                if (lost == index || reduced.FreeSymbols.Contains(lost) || !remaining.Contains(lost)) continue;
                                var (c, sum) = holders[lost];
                                holders[lost] = (c - 1, sum - position);
                                pending.Push(lost);
                            }
                        }
                    }
                    // Factors free of the remaining indices move out of the sum.
                    var outside = factors.Where(f => !Meet(f.FreeSymbols, remaining)).ToList();
                    var inside = factors.Where(f => Meet(f.FreeSymbols, remaining)).ToList();
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

    /// <summary>a \ b; when b removes a good part of a, one pass over a instead of a removal per element of b.</summary>
    private static ImmutableSortedSet<Symbol> Without(ImmutableSortedSet<Symbol> a, ImmutableSortedSet<Symbol> b) =>
        4 * b.Count > a.Count ? a.Where(s => !b.Contains(s)).ToImmutableSortedSet() : a.Except(b);

    /// <summary>True when the two sets share a symbol (looking up the smaller one's symbols in the larger one).</summary>
    private static bool Meet(ImmutableSortedSet<Symbol> a, ImmutableSortedSet<Symbol> b) =>
        a.Count <= b.Count ? b.Overlaps(a) : a.Overlaps(b);

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
        // Rename the indices by variable and position so that alpha-equivalent sums print alike. Indices of the same
        // variable (Σ_{x, x′}) are interchangeable, so every assignment of their canonical names is tried and the
        // smallest text wins; otherwise Σ_{x,x′} P(w|x) P(y|x′) and Σ_{x,x′} P(w|x′) P(y|x) would differ.
        SumTerm? best = null;
        string? bestText = null;
        foreach (var map in CanonicalMaps(depth))
        {
            var candidate = new SumTerm(map.Values.ToImmutableSortedSet(), RenameBound(Body, map).Canonical(depth + 1));
            var text = candidate.Write(Format.Text);
            if (bestText is null || string.CompareOrdinal(text, bestText) < 0) (best, bestText) = (candidate, text);
        }
        return best!;
    }

    /// <summary>The index renamings to canonical names: one per way of permuting the names within each variable's
    /// group (a single renaming when every variable has one index, or when there would be more than 720).</summary>
    private IEnumerable<Dictionary<Symbol, Symbol>> CanonicalMaps(int depth)
    {
        var groups = Indices.GroupBy(i => i.Variable).Select(g => g.ToArray()).ToArray();
        var count = groups.Aggregate(1L, (acc, g) => acc * Enumerable.Range(1, g.Length).Aggregate(1L, (f, k) => Math.Min(f * k, 1000)));
        IEnumerable<int[]> Orders(int n) => count > 720 || n == 1 ? [Enumerable.Range(0, n).ToArray()] : Permutations(Enumerable.Range(0, n).ToArray());
        IEnumerable<Dictionary<Symbol, Symbol>> Build(int g, Dictionary<Symbol, Symbol> map)
        {
            if (g == groups.Length) { yield return new Dictionary<Symbol, Symbol>(map); yield break; }
            foreach (var order in Orders(groups[g].Length))
            {
                for (var k = 0; k < order.Length; k++) map[groups[g][k]] = new Symbol(groups[g][k].Variable, 100 + 10 * depth + order[k]);
                foreach (var m in Build(g + 1, map)) yield return m;
            }
        }
        return Build(0, new Dictionary<Symbol, Symbol>());
    }

    private static IEnumerable<int[]> Permutations(int[] items)
    {
        if (items.Length <= 1) { yield return items; yield break; }
        for (var i = 0; i < items.Length; i++)
            foreach (var rest in Permutations([.. items[..i], .. items[(i + 1)..]]))
                yield return [items[i], .. rest];
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
