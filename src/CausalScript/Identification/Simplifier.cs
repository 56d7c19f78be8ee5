using System.Collections.Immutable;
using CausalScript.Expressions;
using CausalScript.Graphs;

namespace CausalScript.Identification;

/// <summary>
/// Simplification of estimands: Tikka &amp; Karvanen (2017), "Simplifying probabilistic expressions in causal
/// inference", JMLR 18(36) — Algorithms 1–3 (simplify, join, insert) on the atomic sub-expressions
/// Σ_S ∏ P(V_i | C_i), Algorithms 4–6 (deconstruct, extract, q-simplify) on nested sums and quotients
/// (identification-algorithms.md §5). Every rewrite is an identity in every model compatible with the graph (a
/// conditional independence read off the graph by m-separation, which equals d-separation with each ↔ made an explicit
/// latent, or plain algebra), so the simplified estimand has the same value as the raw one wherever P(v) &gt; 0.
/// Interventional atoms are never rewritten.
/// </summary>
/// <remarks>
/// <para>Passes, repeated until nothing changes: (1) bottom-up, every sum has its atomic part simplified by eliminating
/// summation indices (a variable summed over is removed together with its term once the terms at or after it in the
/// topological order π have been joined into one conditional P(J | D), inserting a term for a variable the expression
/// has no term for when needed); products and quotients are brought to one numerator over one denominator and
/// identical factors cancel; denominators free of a sum's indices leave the sum. (2) Every observational atom drops the
/// conditioning variables it is independent of given the rest (P(a | b, c) = P(a | c) when (A ⊥ B | C)).</para>
/// <para>Unlike the paper, which relies on the input being π-consistent, each join, insertion, cancellation and
/// summation is checked explicitly, so any expression over the observed variables is safe to pass.
/// The search is capped (subset enumeration per join, backtracking steps, m-separation queries); when a cap is reached
/// or cancellation is requested the best expression found so far is returned. The result never has more atoms than
/// the input.</para>
/// </remarks>
public static class Simplifier
{
    /// <summary>The most candidate conditioning sets one join or insertion tries.</summary>
    private const int MaxSubsetsPerStep = 4096;

    /// <summary>The most backtracking steps one attempt to build a joint term takes.</summary>
    private const int MaxSearchNodes = 20_000;

    /// <summary>The most m-separation queries (memoised ones excluded) one call makes.</summary>
    private const int MaxSeparationQueries = 200_000;

    /// <summary>The most rounds of (simplify, prune) one call runs.</summary>
    private const int MaxRounds = 6;

    /// <summary>Simplifies an estimand.</summary>
    /// <param name="estimand">An expression over the observed variables of the graph (e.g. an ID or IDC result).</param>
    /// <param name="graph">The causal ADMG the estimand was derived in (latent nodes are projected away first).</param>
    /// <param name="cancellationToken">Stops the search; the best expression found so far is returned (no exception).</param>
    /// <returns>An expression with the same value in every model compatible with the graph, with at most as many atoms
    /// (and, where the algorithm succeeds, fewer summations and terms).</returns>
    /// <exception cref="UnknownNodeException">The estimand mentions a variable that is not a node of the graph.</exception>
    /// <exception cref="GraphException">The estimand mentions a latent node.</exception>
    public static Expression Simplify(Expression estimand, Admg graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(estimand);
        ArgumentNullException.ThrowIfNull(graph);
        var g = graph.HasLatents ? graph.ProjectLatents() : graph;
        _ = g.Set(Atoms(estimand).SelectMany(a => a.FreeSymbols).Select(s => s.Variable).Distinct(StringComparer.Ordinal));
        var run = new Run(g, cancellationToken);
        var best = estimand;
        var current = estimand;
        for (var round = 0; round < MaxRounds && !run.Stopped; round++)
        {
            var next = run.Walk(run.Prune(run.Walk(current)));
            if (next.Equals(current)) break;
            current = next;
            if (Better(current, best)) best = current;
        }
        return AtomCount(best) <= AtomCount(estimand) ? Readable.Disambiguate(best) : estimand;
    }

    /// <summary>Simplifies the estimand of an identification result; the unsimplified estimand stays available as
    /// <see cref="Identified.Raw"/>. A <see cref="NotIdentified"/> result is returned unchanged.</summary>
    /// <param name="result">A result of <see cref="Id.Identify"/> or <see cref="Idc.Identify"/>.</param>
    /// <param name="graph">The graph the result was derived in.</param>
    /// <param name="cancellationToken">Stops the search; the best expression found so far is used.</param>
    /// <returns>The result with its estimand simplified.</returns>
    public static IdentificationResult Simplify(IdentificationResult result, Admg graph, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result switch
        {
            Identified i => new Identified(Simplify(i.Estimand, graph, cancellationToken), i.Derivation) { Raw = i.Raw },
            _ => result,
        };
    }

    /// <summary>The number of probability atoms in an expression (the size measure the simplifier never increases).</summary>
    internal static int AtomCount(Expression e) => Atoms(e).Count();

    private static IEnumerable<ProbabilityTerm> Atoms(Expression e) => e switch
    {
        ProbabilityTerm p => [p],
        ProductTerm p => p.Factors.SelectMany(Atoms),
        FractionTerm f => Atoms(f.Numerator).Concat(Atoms(f.Denominator)),
        SumTerm s => Atoms(s.Body),
        _ => [],
    };

    /// <summary>Fewer atoms, then fewer symbols in atoms, then fewer summation indices.</summary>
    private static bool Better(Expression a, Expression b)
    {
        static (int, int, int) Score(Expression e) => (AtomCount(e), Atoms(e).Sum(p => p.FreeSymbols.Count), Indices(e));
        static int Indices(Expression e) => e switch
        {
            SumTerm s => s.Indices.Count + Indices(s.Body),
            ProductTerm p => p.Factors.Sum(Indices),
            FractionTerm f => Indices(f.Numerator) + Indices(f.Denominator),
            _ => 0,
        };
        return Score(a).CompareTo(Score(b)) < 0;
    }

    /// <summary>A term P(Head | Cond) of an atomic expression, over variable names.</summary>
    private readonly record struct Term(string Head, ImmutableSortedSet<string> Cond);

    /// <summary>A term inserted for a variable the expression has no term for, to be divided out again:
    /// P(J | D) = P(J, M′ | E) / P(M′ | E) (Tikka &amp; Karvanen 2017, Algorithm 3).</summary>
    private readonly record struct Insertion(string Variable, ImmutableSortedSet<string> Given);

    /// <summary>One simplification call: the graph, the fixed topological order π, the memoised m-separation queries and
    /// the budget.</summary>
    private sealed class Run(Admg graph, CancellationToken token)
    {
        private readonly Dictionary<string, int> _rank = graph.TopologicalOrder.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i, StringComparer.Ordinal);
        private readonly Dictionary<string, bool> _separations = new(StringComparer.Ordinal);
        private int _queries;

        public bool Stopped => token.IsCancellationRequested || _queries >= MaxSeparationQueries;

        private static readonly ImmutableSortedSet<string> Empty = ImmutableSortedSet.Create<string>(StringComparer.Ordinal);

        private int Rank(string v) => _rank[v];

        /// <summary>(A ⊥ B | Z) in the graph (m-separation = d-separation with explicit latents). An empty side is
        /// independent of anything; overlapping sets are conservatively reported dependent.</summary>
        private bool Independent(IEnumerable<string> a, IEnumerable<string> b, IEnumerable<string> given)
        {
            var sa = a.ToImmutableSortedSet(StringComparer.Ordinal);
            var sb = b.ToImmutableSortedSet(StringComparer.Ordinal);
            if (sa.IsEmpty || sb.IsEmpty) return true;
            var sz = given.ToImmutableSortedSet(StringComparer.Ordinal);
            if (sa.Overlaps(sb) || sz.Overlaps(sa) || sz.Overlaps(sb)) return false;
            var left = string.Join(",", sa);
            var right = string.Join(",", sb);
            var key = string.CompareOrdinal(left, right) <= 0 ? $"{left}|{right}|{string.Join(",", sz)}" : $"{right}|{left}|{string.Join(",", sz)}";
            if (_separations.TryGetValue(key, out var known)) return known;
            _queries++;
            return _separations[key] = graph.IsMSeparated(sa, sb, sz);
        }

        // ── deconstruct / extract / q-simplify (Tikka & Karvanen 2017, Algorithms 4–6) ───────────────────────────

        /// <summary>Bottom-up simplification of every sum, product and quotient.</summary>
        public Expression Walk(Expression e)
        {
            if (Stopped) return e;
            switch (e)
            {
                case ProductTerm p:
                    {
                        var factors = p.Factors.Select(Walk).ToList();
                        var product = Expression.Product(factors);
                        if (!factors.Any(f => f is FractionTerm)) return product;
                        // A product with quotients is one quotient; keep that form only when something cancels.
                        var (num, den) = SplitFraction(product);
                        return Cancel(num, den) ? Expression.Fraction(Expression.Product(num), Expression.Product(den)) : product;
                    }
                case FractionTerm f:
                    return Quotient(Walk(f.Numerator), Walk(f.Denominator));
                case SumTerm s:
                    return SimplifySum(s.Indices, Walk(s.Body));
                default:
                    return e;
            }
        }

        /// <summary>q-simplify: one numerator over one denominator, identical factors cancelled.</summary>
        private static Expression Quotient(Expression numerator, Expression denominator)
        {
            var (nn, nd) = SplitFraction(numerator);
            var (dn, dd) = SplitFraction(denominator);
            var num = nn.Concat(dd).ToList();
            var den = nd.Concat(dn).ToList();
            Cancel(num, den);
            return Expression.Fraction(Expression.Product(num), Expression.Product(den));
        }

        /// <summary>The factors of the numerator and of the denominator of an expression that is a product of
        /// factors and (nested) quotients.</summary>
        private static (List<Expression> Num, List<Expression> Den) SplitFraction(Expression e)
        {
            switch (e)
            {
                case FractionTerm f:
                    {
                        var (a, b) = SplitFraction(f.Numerator);
                        var (c, d) = SplitFraction(f.Denominator);
                        return ([.. a, .. d], [.. b, .. c]);
                    }
                case ProductTerm p:
                    {
                        var num = new List<Expression>();
                        var den = new List<Expression>();
                        foreach (var factor in p.Factors)
                        {
                            var (a, b) = SplitFraction(factor);
                            num.AddRange(a);
                            den.AddRange(b);
                        }
                        return (num, den);
                    }
                default:
                    return ([e], []);
            }
        }

        /// <summary>Removes factors that occur in both lists (canonical equality); true if any did.</summary>
        private static bool Cancel(List<Expression> num, List<Expression> den)
        {
            var any = false;
            for (var i = 0; i < num.Count; i++)
            {
                var j = den.FindIndex(d => d.Equals(num[i]));
                if (j < 0) continue;
                num.RemoveAt(i--);
                den.RemoveAt(j);
                any = true;
            }
            return any;
        }

        /// <summary>Σ_indices body with an already simplified body.</summary>
        private Expression SimplifySum(ImmutableSortedSet<Symbol> indices, Expression body)
        {
            var e = Expression.Sum(indices, body);
            return e switch
            {
                SumTerm s => SimplifySumTerm(s),
                ProductTerm p when p.Factors.Any(f => f is SumTerm) => Expression.Product(p.Factors.Select(f => f is SumTerm s ? SimplifySumTerm(s) : f)),
                _ => e,
            };
        }

        private Expression SimplifySumTerm(SumTerm sum)
        {
            if (Stopped) return sum;
            var indices = sum.Indices;
            var (num, den) = SplitFraction(sum.Body);
            if (den.Count > 0)
            {
                // extract: denominator factors free of the indices leave the sum, Σ_s a / d = (Σ_s a) / d.
                var outside = den.Where(d => !d.FreeSymbols.Overlaps(indices)).ToList();
                if (outside.Count > 0)
                {
                    var inside = den.Where(d => d.FreeSymbols.Overlaps(indices)).ToList();
                    var rest = SimplifySum(indices, Expression.Fraction(Expression.Product(num), Expression.Product(inside)));
                    return Quotient(rest, Expression.Product(outside));
                }
                // The quotients stay inside the sum; below they are opaque factors.
                num = sum.Body is ProductTerm product ? [.. product.Factors] : [sum.Body];
            }
            // An index only one nested sum mentions moves into it, Σ_s A · Σ_T B = A · Σ_{T ∪ {s}} B, when the nested
            // sum then shrinks (its atomic part can eliminate s).
            foreach (var s in indices)
            {
                var holders = num.Where(f => f.FreeSymbols.Contains(s)).ToList();
                if (holders is not [SumTerm nested]) continue;
                var merged = SimplifySum(nested.Indices.Add(s), nested.Body);
                if (AtomCount(merged) >= AtomCount(nested)) continue;
                var others = num.Where(f => !ReferenceEquals(f, nested)).Append(merged);
                return SimplifySum(indices.Remove(s), Expression.Product(others));
            }
            // Σ_S (A · N) = Σ_{S ∩ N} N · Σ_{S \ N} A for the atomic part A (observational atoms) and the rest N.
            var atoms = num.OfType<ProbabilityTerm>().Where(a => a.IsObservational).ToList();
            var opaque = num.Where(f => f is not ProbabilityTerm { IsObservational: true }).ToList();
            var outer = indices.Where(i => opaque.Any(f => f.FreeSymbols.Contains(i))).ToImmutableSortedSet();
            var inner = indices.Except(outer);
            if (inner.IsEmpty || atoms.Count == 0) return sum;
            var simplified = SimplifyAtomic(atoms, inner);
            if (simplified is null) return sum;
            return Expression.Sum(outer, Expression.Product(opaque.Append(simplified)));
        }

        // ── simplify / join / insert on atomic expressions (Tikka & Karvanen 2017, Algorithms 1–3) ──────────────────

        /// <summary>Σ_indices ∏ atoms with as many indices eliminated as possible; null when none can be (or the
        /// expression is not atomic: a variable with two different values, or two terms for one variable).</summary>
        private Expression? SimplifyAtomic(IReadOnlyList<ProbabilityTerm> atoms, ImmutableSortedSet<Symbol> indices)
        {
            // Within one atomic expression each variable must stand for one value.
            var symbolOf = new Dictionary<string, Symbol>(StringComparer.Ordinal);
            foreach (var s in atoms.SelectMany(a => a.Outcomes.Concat(a.Conditions)))
            {
                if (symbolOf.TryGetValue(s.Variable, out var t) && t != s) return null;
                symbolOf[s.Variable] = s;
            }
            if (indices.Any(i => !symbolOf.TryGetValue(i.Variable, out var t) || t != i)) return null;
            // Terms with one head each: P(a1, a2 | C) = P(a1 | a2, C) P(a2 | C), latest in π first.
            var terms = new List<Term>();
            var heads = new HashSet<string>(StringComparer.Ordinal);
            foreach (var atom in atoms)
            {
                var outcomes = atom.Outcomes.Select(s => s.Variable).OrderByDescending(Rank).ToList();
                var given = atom.Conditions.Select(s => s.Variable).ToImmutableSortedSet(StringComparer.Ordinal);
                for (var m = 0; m < outcomes.Count; m++)
                {
                    if (!heads.Add(outcomes[m])) return null;
                    terms.Add(new Term(outcomes[m], given.Union(outcomes.Skip(m + 1))));
                }
            }
            var summed = indices.Select(i => i.Variable).ToHashSet(StringComparer.Ordinal);
            var eliminated = false;
            // Algorithm 1: try the summation variables latest-first; restart after every success.
            for (var progress = true; progress && !Stopped;)
            {
                progress = false;
                foreach (var s in summed.OrderByDescending(Rank))
                {
                    var next = Eliminate(terms, s);
                    if (next is null) continue;
                    terms = next;
                    summed.Remove(s);
                    eliminated = progress = true;
                    break;
                }
            }
            if (!eliminated) return null;
            var result = Expression.Sum(summed.Select(v => symbolOf[v]),
                Expression.Product(terms.OrderBy(t => Rank(t.Head)).Select(t => Expression.P([symbolOf[t.Head]], t.Cond.Select(c => symbolOf[c])))));
            return AtomCount(result) <= atoms.Count ? result : null;
        }

        /// <summary>The terms of Σ_s ∏ terms with s summed out, or null. Terms earlier than s in π must not mention s
        /// (unless it can be dropped from their conditions); the terms from the latest one down to s's own are joined
        /// into P(J | D) with s ∈ J and s ∉ D, summed over s and factorised again.</summary>
        private List<Term>? Eliminate(List<Term> terms, string s)
        {
            // Fast path: Σ_s P(s | c) = 1 when no other term mentions s.
            if (!terms.Any(t => t.Cond.Contains(s))) return terms.Where(t => t.Head != s).ToList();
            var sorted = terms.OrderByDescending(t => Rank(t.Head)).ToList();
            var i = sorted.FindIndex(t => t.Head == s);
            if (i < 0) return null;
            var vars = terms.SelectMany(t => t.Cond.Add(t.Head)).ToImmutableSortedSet(StringComparer.Ordinal);
            var missing = vars.Except(terms.Select(t => t.Head)).Remove(s);
            // Earlier terms stay outside the sum; one that mentions s must not depend on it.
            var tail = new List<Term>();
            foreach (var t in sorted.Skip(i + 1))
            {
                if (!t.Cond.Contains(s)) tail.Add(t);
                else if (Independent([t.Head], [s], t.Cond.Remove(s))) tail.Add(t with { Cond = t.Cond.Remove(s) });
                else return null;
            }
            // First attempt: later terms that do not depend on s leave the sum too (P(v | c) = P(v | c \ s) when
            // (V ⊥ S | C \ S)); second attempt: join every later term, as the paper does.
            var kept = new List<Term>(tail);
            var scan = new List<Term>();
            foreach (var t in sorted.Take(i))
            {
                if (!t.Cond.Contains(s)) kept.Add(t);
                else if (Independent([t.Head], [s], t.Cond.Remove(s))) kept.Add(t with { Cond = t.Cond.Remove(s) });
                else scan.Add(t);
            }
            scan.Add(sorted[i]);
            if (scan.Count < i + 1 && Joint(scan, s, missing, vars) is { } reduced) return [.. kept, .. reduced];
            if (Joint(sorted.Take(i + 1).ToList(), s, missing, vars) is { } joined) return [.. tail, .. joined];
            return null;
        }

        /// <summary>Joins the scanned terms (latest first, s's own term last) into P(J | D), inserting terms for missing
        /// variables where needed; returns the factorisation of Σ_s P(J | D) = P(J \ s | D) with the inserted terms
        /// divided out, or null. Backtracks over the choices of conditioning sets.</summary>
        private List<Term>? Joint(List<Term> scan, string s, ImmutableSortedSet<string> missing, ImmutableSortedSet<string> vars)
        {
            var nodes = 0;
            List<Term>? Step(int k, ImmutableList<string> joint, ImmutableSortedSet<string> given, ImmutableList<Insertion> inserted, ImmutableSortedSet<string> gaps)
            {
                if (Stopped || ++nodes > MaxSearchNodes) return null;
                if (k == scan.Count) return Factorize(joint, given, inserted, s);
                var (v, c) = scan[k];
                if (joint.IsEmpty) return Step(k + 1, [v], c, inserted, gaps);
                // join: P(J | D) P(V | C) = P(J, V | P) when P(J | D) = P(J | P, V) and P(V | C) = P(V | P).
                foreach (var p in JoinSets(joint, given, v, c))
                    if (Step(k + 1, joint.Add(v), p, inserted, gaps) is { } done) return done;
                // insert: a variable in D without a term joins J with a term that is divided out again.
                foreach (var m in gaps.Where(m => given.Contains(m) && !c.Contains(m)).OrderByDescending(Rank))
                    foreach (var p in InsertSets(joint, given, m, s, vars))
                    {
                        var e = p.Remove(s);   // P(M′ | P) = P(M′ | P \ s): the divisor leaves the sum over s.
                        if (Step(k, joint.Add(m), p, inserted.Add(new Insertion(m, e)), gaps.Remove(m)) is { } done) return done;
                    }
                return null;
            }
            return Step(0, [], Empty, [], missing);
        }

        /// <summary>Algorithm 2's candidate conditioning sets P (small first): (J ⊥ A | D \ A) with A = (P ∪ {V}) Δ D and
        /// (V ⊥ B | C \ B) with B = P Δ C. Only variables of D ∪ C are candidates: any other one only adds to what
        /// must be independent.</summary>
        private IEnumerable<ImmutableSortedSet<string>> JoinSets(ImmutableList<string> joint, ImmutableSortedSet<string> given, string v, ImmutableSortedSet<string> c)
        {
            var pool = given.Union(c).Except(joint).Remove(v);
            foreach (var p in Subsets(pool))
            {
                var a = SymmetricDifference(p.Add(v), given);
                var b = SymmetricDifference(p, c);
                if (Independent(joint, a, given.Except(a)) && Independent([v], b, c.Except(b))) yield return p;
            }
        }

        /// <summary>Algorithm 3's candidate conditioning sets P for inserting P(M′ | P): (J ⊥ A | D \ A) with
        /// A = (P ∪ {M′}) Δ D, and the divisor must not depend on s: s ∉ P or (M′ ⊥ s | P \ s).</summary>
        private IEnumerable<ImmutableSortedSet<string>> InsertSets(ImmutableList<string> joint, ImmutableSortedSet<string> given, string m, string s, ImmutableSortedSet<string> vars)
        {
            var pool = given.Union(vars.Where(u => Rank(u) < Rank(m))).Except(joint).Remove(m);
            foreach (var p in Subsets(pool))
            {
                var a = SymmetricDifference(p.Add(m), given);
                if (Independent(joint, a, given.Except(a)) && (!p.Contains(s) || Independent([m], [s], p.Remove(s)))) yield return p;
            }
        }

        /// <summary>factorize: P(J \ s | D) by the chain rule (latest in π first, then in joining order), each inserted
        /// term cancelled against its factor (equal conditioning sets, or equal by m-separation); null when one does not cancel.</summary>
        private List<Term>? Factorize(ImmutableList<string> joint, ImmutableSortedSet<string> given, ImmutableList<Insertion> inserted, string s)
        {
            if (!joint.Contains(s) || given.Contains(s)) return null;
            var rest = joint.Remove(s);
            foreach (var order in new[] { rest.OrderByDescending(Rank).ToList(), rest.ToList() })
            {
                var factors = order.Select((v, m) => new Term(v, given.Union(order.Skip(m + 1)))).ToList();
                var ok = true;
                foreach (var ins in inserted)
                {
                    var k = factors.FindIndex(f => f.Head == ins.Variable);
                    var f = factors[k].Cond;
                    if (f.SetEquals(ins.Given) || Independent([ins.Variable], SymmetricDifference(f, ins.Given), f.Intersect(ins.Given))) factors.RemoveAt(k);
                    else { ok = false; break; }
                }
                if (ok) return factors;
            }
            return null;
        }

        private static ImmutableSortedSet<string> SymmetricDifference(ImmutableSortedSet<string> a, ImmutableSortedSet<string> b) => a.SymmetricExcept(b);

        /// <summary>The subsets of a pool, smallest first (ordered by π within a size), at most
        /// <see cref="MaxSubsetsPerStep"/>.</summary>
        private IEnumerable<ImmutableSortedSet<string>> Subsets(ImmutableSortedSet<string> pool)
        {
            var items = pool.OrderBy(Rank).ToArray();
            var produced = 0;
            for (var size = 0; size <= items.Length; size++)
            {
                var index = Enumerable.Range(0, size).ToArray();
                while (true)
                {
                    if (produced++ >= MaxSubsetsPerStep || Stopped) yield break;
                    yield return index.Select(j => items[j]).ToImmutableSortedSet(StringComparer.Ordinal);
                    var t = size - 1;
                    while (t >= 0 && index[t] == items.Length - size + t) t--;
                    if (t < 0) break;
                    index[t]++;
                    for (var u = t + 1; u < size; u++) index[u] = index[u - 1] + 1;
                }
            }
        }

        // ── conditioning sets ────────────────────────────────────────────────────────────────────────────────

        /// <summary>Drops from every observational atom the conditioning variables it is independent of given the
        /// rest, latest in π first: P(a | b, c) = P(a | c) when (A ⊥ B | C). A sum keeps its body unpruned if pruning
        /// would remove one of its indices from the body altogether.</summary>
        public Expression Prune(Expression e)
        {
            if (Stopped) return e;
            switch (e)
            {
                case ProbabilityTerm { IsObservational: true } p when !p.Conditions.IsEmpty:
                    {
                        var outcomes = p.Outcomes.Select(s => s.Variable).ToList();
                        var kept = p.Conditions.ToList();
                        foreach (var c in p.Conditions.OrderByDescending(s => Rank(s.Variable)))
                            if (Independent(outcomes, [c.Variable], kept.Where(k => k != c).Select(k => k.Variable)))
                                kept.Remove(c);
                        return kept.Count == p.Conditions.Count ? p : Expression.P(p.Outcomes, kept);
                    }
                case ProductTerm p:
                    return Expression.Product(p.Factors.Select(Prune));
                case FractionTerm f:
                    return Expression.Fraction(Prune(f.Numerator), Prune(f.Denominator));
                case SumTerm s:
                    {
                        var body = Prune(s.Body);
                        if (s.Indices.Any(i => !body.FreeSymbols.Contains(i))) body = s.Body;
                        return Expression.Sum(s.Indices, body);
                    }
                default:
                    return e;
            }
        }
    }
}
