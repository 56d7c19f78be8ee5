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
/// summation indices, latest in the topological order π first (Algorithm 1: the terms at or after the index in π are
/// joined into one conditional P(J | D) — Algorithm 2 — inserting a temporary term for a variable the expression has
/// no term for when needed — Algorithm 3 — then Σ_s P(J | D) = P(J \ s | D) is factorised again and the inserted
/// terms cancel); products and quotients are brought to one numerator over one denominator and identical factors
/// cancel (Algorithm 6); denominators free of a sum's indices leave the sum (Algorithm 5); a nested sum is merged
/// into its parent, or a parent's index moved into the one nested sum that uses it, when that lets more indices be
/// eliminated (Algorithm 4). (2) Every observational atom drops the conditioning variables it is independent of
/// given the rest (P(a | b, c) = P(a | c) when (A ⊥ B | C)); this is what reaches the paper's form of its Fig. 1
/// example whichever topological order the graph has.</para>
/// <para>Departures from the paper. Its Algorithm 1 assumes π-consistent input; here every join, insertion,
/// cancellation and summation is checked explicitly (s must be absent from the terms left outside the sum and from
/// D; each inserted divisor must be free of s and equal its factor), so any expression over the observed variables is
/// safe to pass. As in identification-algorithms.md §5, terms after the index that do not depend on it leave the sum
/// before the join, candidate conditioning sets are tried smallest first, and the search backtracks over them.
/// A join's candidates are drawn from the two conditioning sets (any other variable only adds to what must be
/// independent), and no candidate that would have to separate adjacent nodes (which no set does) is tried.</para>
/// <para>Caps: 4096 candidate sets per join or insertion, 20 000 backtracking steps per joint term, 100 000
/// m-separation queries per call (memoised), expressions over at most 64 variables (larger ones are returned as
/// they are). When a cap is reached or cancellation is requested the best expression found so far is returned. The
/// result never has more atoms than the input.</para>
/// </remarks>
public static class Simplifier
{
    /// <summary>The most candidate conditioning sets one join or insertion tries.</summary>
    private const int MaxSubsetsPerStep = 4096;

    /// <summary>The most backtracking steps one attempt to build a joint term takes.</summary>
    private const int MaxSearchNodes = 20_000;

    /// <summary>The most m-separation queries (memoised ones excluded) one call makes.</summary>
    private const int MaxSeparationQueries = 100_000;

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
    public static Expression Simplify(Expression estimand, Admg graph, CancellationToken cancellationToken = default) =>
        Simplify(estimand, graph, insertion: true, cancellationToken);

    /// <summary>As the public overload; <paramref name="insertion"/> = false switches Algorithm 3 off (tests show
    /// which results need it).</summary>
    internal static Expression Simplify(Expression estimand, Admg graph, bool insertion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(estimand);
        ArgumentNullException.ThrowIfNull(graph);
        var g = graph.HasLatents ? graph.ProjectLatents() : graph;
        _ = g.Set(Atoms(estimand).SelectMany(a => a.FreeSymbols).Select(s => s.Variable).Distinct(StringComparer.Ordinal));
        var variables = Atoms(estimand).Where(a => a.IsObservational).SelectMany(a => a.FreeSymbols).Select(s => s.Variable).Distinct(StringComparer.Ordinal).ToList();
        if (variables.Count > 64) return estimand;
        // Σ_c 1 (an index its body does not use) cannot be rebuilt: Expression.Sum drops such an index.
        if (HasUnusedIndex(estimand)) return estimand;
        var run = new Run(g, variables, insertion, cancellationToken);
        var best = estimand;
        var current = estimand;
        for (var round = 0; round < MaxRounds && !run.Stopped; round++)
        {
            var next = run.Walk(run.Prune(run.Walk(current)));
            if (next.Equals(current)) break;
            current = next;
            if (Better(current, best)) best = current;
        }
        return AtomCount(best) <= AtomCount(estimand) && !HasUnusedIndex(best) ? Readable.Disambiguate(best) : estimand;
    }

    private static bool HasUnusedIndex(Expression e) => e switch
    {
        SumTerm s => !s.Indices.IsSubsetOf(s.Body.FreeSymbols) || HasUnusedIndex(s.Body),
        ProductTerm p => p.Factors.Any(HasUnusedIndex),
        FractionTerm f => HasUnusedIndex(f.Numerator) || HasUnusedIndex(f.Denominator),
        _ => false,
    };

    /// <summary>True when every index of the sum (and of every sum inside it) is an outcome of an atom of its
    /// numerator — a marginalisation, as in every ID/IDC estimand. Other sums (Σ_c P(e | c), an index that is only
    /// conditioned on) are left untouched: a rewrite could make the index vanish from the body, and Expression.Sum
    /// would then drop it, changing the value by a domain size.</summary>
    private static bool Marginalises(Expression e) => e switch
    {
        SumTerm s => s.Indices.All(t => HasOutcome(s.Body, t)) && Marginalises(s.Body),
        ProductTerm p => p.Factors.All(Marginalises),
        FractionTerm f => Marginalises(f.Numerator) && Marginalises(f.Denominator),
        _ => true,
    };

    private static bool HasOutcome(Expression e, Symbol t) => e switch
    {
        ProbabilityTerm p => p.Outcomes.Contains(t),
        ProductTerm p => p.Factors.Any(f => HasOutcome(f, t)),
        FractionTerm f => HasOutcome(f.Numerator, t),
        SumTerm s => !s.Indices.Contains(t) && HasOutcome(s.Body, t),
        _ => false,
    };

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
            Identified i => i with { Estimand = Readable.Disambiguate(Simplify(i.Estimand, graph, cancellationToken)), Raw = i.Raw },
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

    /// <summary>A term P(Head | Cond) of an atomic expression: variables as bit positions (see <see cref="Run"/>).</summary>
    private readonly record struct Term(int Head, ulong Cond);

    /// <summary>A term inserted for a variable the expression has no term for, to be divided out again:
    /// P(J | D) = P(J, M′ | E) / P(M′ | E) (Tikka &amp; Karvanen 2017, Algorithm 3).</summary>
    private readonly record struct Insertion(int Variable, ulong Given);

    private static ulong Bit(int i) => 1UL << i;

    private static IEnumerable<int> Members(ulong set)
    {
        for (; set != 0; set &= set - 1) yield return System.Numerics.BitOperations.TrailingZeroCount(set);
    }

    /// <summary>One simplification call: the graph, the variables of the expression numbered in the fixed
    /// topological order π (bit i = the i-th of them, so "later in π" is "higher bit"), the memoised m-separation
    /// queries and the budget.</summary>
    private sealed class Run
    {
        private readonly Admg _graph;
        private readonly bool _insertion;
        private readonly CancellationToken _token;
        private readonly string[] _names;
        private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);
        private readonly ulong[] _adjacent;
        private readonly int[] _ids;
        private readonly Dictionary<(ulong, ulong, ulong), bool> _separations = [];
        private int _queries;

        /// <param name="graph">The graph (latent nodes projected away).</param>
        /// <param name="variables">The variables of the expression's observational atoms (at most 64).</param>
        /// <param name="insertion">Whether Algorithm 3 may insert terms.</param>
        /// <param name="token">Stops the search.</param>
        public Run(Admg graph, IEnumerable<string> variables, bool insertion, CancellationToken token)
        {
            _graph = graph;
            _insertion = insertion;
            _token = token;
            var rank = graph.TopologicalOrder.Select((v, i) => (v, i)).ToDictionary(t => t.v, t => t.i, StringComparer.Ordinal);
            _names = variables.Distinct(StringComparer.Ordinal).OrderBy(v => rank[v]).ToArray();
            for (var i = 0; i < _names.Length; i++) _index[_names[i]] = i;
            _ids = [.. _names.Select(graph.Id)];
            // Adjacent nodes are m-connected given any set: the searches below never try to separate them.
            _adjacent = new ulong[_names.Length];
            for (var i = 0; i < _names.Length; i++)
                for (var j = i + 1; j < _names.Length; j++)
                    if (graph.AreAdjacent(_names[i], _names[j]))
                    {
                        _adjacent[i] |= Bit(j);
                        _adjacent[j] |= Bit(i);
                    }
        }

        /// <summary>The graph's node-id bitset of a set of variable indices.</summary>
        private ulong[] NodeBits(ulong set)
        {
            var bits = Bits.New(_graph.N);
            for (; set != 0; set &= set - 1) Bits.Set(bits, _ids[System.Numerics.BitOperations.TrailingZeroCount(set)]);
            return bits;
        }

        private ulong Adjacent(ulong set) => Members(set).Aggregate(0UL, (acc, i) => acc | _adjacent[i]);

        public bool Stopped => _token.IsCancellationRequested || _queries >= MaxSeparationQueries;

        private ulong Set(IEnumerable<Symbol> symbols) => symbols.Aggregate(0UL, (acc, s) => acc | Bit(_index[s.Variable]));

        /// <summary>(A ⊥ B | Z) in the graph (m-separation = d-separation with explicit latents). An empty side is
        /// independent of anything; overlapping sets are conservatively reported dependent.</summary>
        private bool Independent(ulong a, ulong b, ulong given)
        {
            if (a == 0 || b == 0) return true;
            if ((a & b) != 0 || (given & (a | b)) != 0) return false;
            var key = a < b ? (a, b, given) : (b, a, given);
            if (_separations.TryGetValue(key, out var known)) return known;
            _queries++;
            // The checks of the public IsMSeparated hold here (X, Y non-empty, Z disjoint from them, no latent node),
            // so the node-id bitsets go to the separation search directly.
            return _separations[key] = MSeparation.Separated(_graph, NodeBits(a), NodeBits(b), NodeBits(given));
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
                case SumTerm s when !Marginalises(s):
                    return s;
                case SumTerm s:
                    {
                        var body = Walk(s.Body);
                        return SimplifySum(s.Indices, Keeps(s.Indices, body) ? body : s.Body);
                    }
                default:
                    return e;
            }
        }

        /// <summary>True when every index is still free in the new body. Expression.Sum drops an index its body does
        /// not mention, which changes the value by a domain size (Σ_c 1 = |C|), so a rewrite that makes an index vanish
        /// (it occurred only in conditions that became redundant, or in factors that cancelled) is not taken.</summary>
        private static bool Keeps(ImmutableSortedSet<Symbol> indices, Expression body) => indices.IsSubsetOf(body.FreeSymbols);

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
            if (Stopped || !Marginalises(sum)) return sum;
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
                var others = Expression.Product(num.Where(f => !ReferenceEquals(f, nested)).Append(merged));
                if (!Keeps(indices.Remove(s), others)) continue;
                return SimplifySum(indices.Remove(s), others);
            }
            // Σ_S (A · N) = Σ_{S ∩ N} N · Σ_{S \ N} A for the atomic part A (observational atoms) and the rest N.
            var atoms = num.OfType<ProbabilityTerm>().Where(a => a.IsObservational).ToList();
            var opaque = num.Where(f => f is not ProbabilityTerm { IsObservational: true }).ToList();
            var outer = indices.Where(i => opaque.Any(f => f.FreeSymbols.Contains(i))).ToImmutableSortedSet();
            var inner = indices.Except(outer);
            Expression best = sum;
            if (!inner.IsEmpty && atoms.Count > 0 && SimplifyAtomic(atoms, inner) is { } simplified)
                best = Expression.Sum(outer, Expression.Product(opaque.Append(simplified)));
            // deconstruct: a nested sum merges into this one, Σ_S A · Σ_T B = Σ_{S ∪ T′} A · B[T → T′] with fresh T′,
            // when the larger atomic expression simplifies further.
            foreach (var nested in num.OfType<SumTerm>().Distinct().Where(Marginalises).ToList())
            {
                if (Stopped) break;
                var others = num.Where(f => !ReferenceEquals(f, nested)).ToList();
                var taken = others.Aggregate(indices.Union(nested.FreeSymbols), (acc, f) => acc.Union(f.FreeSymbols));
                var rename = new Dictionary<Symbol, Symbol>();
                foreach (var t in nested.Indices)
                {
                    var fresh = new Symbol(t.Variable);
                    while (taken.Contains(fresh) || rename.ContainsValue(fresh) || (fresh != t && nested.Body.FreeSymbols.Contains(fresh))) fresh = fresh.Prime();
                    rename[t] = fresh;
                }
                var body = nested.Body.Rename(rename);
                if (!Consistent(others.Append(body))) continue;
                var flat = SimplifySum(indices.Union(rename.Values), Expression.Product(others.Append(body)));
                if (AtomCount(flat) < AtomCount(best)) best = flat;
            }
            return best;
        }

        /// <summary>True when the observational atoms among the factors (and of products among them) give each
        /// variable one value.</summary>
        private static bool Consistent(IEnumerable<Expression> factors)
        {
            var symbolOf = new Dictionary<string, Symbol>(StringComparer.Ordinal);
            foreach (var f in factors.SelectMany(f => f is ProductTerm p ? p.Factors.AsEnumerable() : [f]))
                if (f is ProbabilityTerm { IsObservational: true } atom)
                    foreach (var s in atom.FreeSymbols)
                    {
                        if (symbolOf.TryGetValue(s.Variable, out var t) && t != s) return false;
                        symbolOf[s.Variable] = s;
                    }
            return true;
        }

        // ── simplify / join / insert on atomic expressions (Tikka & Karvanen 2017, Algorithms 1–3) ──────────────────

        /// <summary>Σ_indices ∏ atoms with as many indices eliminated as possible; null when none can be (or the
        /// expression is not atomic: a variable with two different values, or two terms for one variable).</summary>
        private Expression? SimplifyAtomic(IReadOnlyList<ProbabilityTerm> atoms, ImmutableSortedSet<Symbol> indices)
        {
            // Within one atomic expression each variable must stand for one value.
            var symbolOf = new Dictionary<int, Symbol>();
            foreach (var s in atoms.SelectMany(a => a.Outcomes.Concat(a.Conditions)))
            {
                var v = _index[s.Variable];
                if (symbolOf.TryGetValue(v, out var t) && t != s) return null;
                symbolOf[v] = s;
            }
            if (indices.Any(i => !symbolOf.TryGetValue(_index[i.Variable], out var t) || t != i)) return null;
            // Terms with one head each: P(a1, a2 | C) = P(a1 | a2, C) P(a2 | C), latest in π first.
            var terms = new List<Term>();
            var heads = 0UL;
            foreach (var atom in atoms)
            {
                var outcomes = Set(atom.Outcomes);
                var given = Set(atom.Conditions);
                foreach (var v in Members(outcomes))
                {
                    if ((heads & Bit(v)) != 0) return null;
                    heads |= Bit(v);
                    terms.Add(new Term(v, given | (outcomes & (Bit(v) - 1))));
                }
            }
            var summed = Set(indices);
            var eliminated = false;
            // Algorithm 1: try the summation variables latest-first; restart after every success.
            for (var progress = true; progress && !Stopped;)
            {
                progress = false;
                foreach (var s in Members(summed).Reverse())
                {
                    var next = Eliminate(terms, s);
                    // An index that occurs only in conditions must not vanish with them (see Keeps).
                    if (next is null || (summed & ~Bit(s) & ~next.Aggregate(0UL, (acc, t) => acc | t.Cond | Bit(t.Head))) != 0) continue;
                    terms = next;
                    summed &= ~Bit(s);
                    eliminated = progress = true;
                    break;
                }
            }
            if (!eliminated) return null;
            var result = Expression.Sum(Members(summed).Select(v => symbolOf[v]),
                Expression.Product(terms.OrderBy(t => t.Head).Select(t => Expression.P([symbolOf[t.Head]], Members(t.Cond).Select(c => symbolOf[c])))));
            return AtomCount(result) <= atoms.Count ? result : null;
        }

        /// <summary>The terms of Σ_s ∏ terms with s summed out, or null. Terms earlier than s in π must not mention s
        /// (unless it can be dropped from their conditions); the terms from the latest one down to s's own are joined
        /// into P(J | D) with s ∈ J and s ∉ D, summed over s and factorised again.</summary>
        private List<Term>? Eliminate(List<Term> terms, int s)
        {
            var bit = Bit(s);
            // Fast path: Σ_s P(s | c) = 1 when no other term mentions s.
            if (!terms.Any(t => (t.Cond & bit) != 0)) return terms.Where(t => t.Head != s).ToList();
            var sorted = terms.OrderByDescending(t => t.Head).ToList();
            var i = sorted.FindIndex(t => t.Head == s);
            if (i < 0) return null;
            var vars = terms.Aggregate(0UL, (acc, t) => acc | t.Cond | Bit(t.Head));
            var missing = terms.Aggregate(vars, (acc, t) => acc & ~Bit(t.Head)) & ~bit;
            // Earlier terms stay outside the sum; one that mentions s must not depend on it.
            var tail = new List<Term>();
            foreach (var t in sorted.Skip(i + 1))
            {
                if ((t.Cond & bit) == 0) tail.Add(t);
                else if (Independent(Bit(t.Head), bit, t.Cond & ~bit)) tail.Add(t with { Cond = t.Cond & ~bit });
                else return null;
            }
            // First attempt: later terms that do not depend on s leave the sum too (P(v | c) = P(v | c \ s) when
            // (V ⊥ S | C \ S)); second attempt: join every later term, as the paper does.
            var kept = new List<Term>(tail);
            var scan = new List<Term>();
            foreach (var t in sorted.Take(i))
            {
                if ((t.Cond & bit) == 0) kept.Add(t);
                else if (Independent(Bit(t.Head), bit, t.Cond & ~bit)) kept.Add(t with { Cond = t.Cond & ~bit });
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
        private List<Term>? Joint(List<Term> scan, int s, ulong missing, ulong vars)
        {
            var nodes = 0;
            List<Term>? Step(int k, ImmutableList<int> order, ulong joint, ulong given, ImmutableList<Insertion> inserted, ulong gaps)
            {
                if (Stopped || ++nodes > MaxSearchNodes) return null;
                if (k == scan.Count) return Factorize(order, given, inserted, s);
                var (v, c) = scan[k];
                if (joint == 0) return Step(k + 1, [v], Bit(v), c, inserted, gaps);
                // join: P(J | D) P(V | C) = P(J, V | P) when P(J | D) = P(J | P, V) and P(V | C) = P(V | P).
                foreach (var p in JoinSets(joint, given, v, c))
                    if (Step(k + 1, order.Add(v), joint | Bit(v), p, inserted, gaps) is { } done) return done;
                if (!_insertion) return null;
                // insert: a variable in D without a term joins J with a term that is divided out again.
                foreach (var m in Members(gaps & given & ~c).Reverse())
                    foreach (var p in InsertSets(joint, given, m, s, vars))
                    {
                        var e = p & ~Bit(s);   // P(M′ | P) = P(M′ | P \ s): the divisor leaves the sum over s.
                        if (Step(k, order.Add(m), joint | Bit(m), p, inserted.Add(new Insertion(m, e)), gaps & ~Bit(m)) is { } done) return done;
                    }
                return null;
            }
            return Step(0, [], 0, 0, [], missing);
        }

        /// <summary>Algorithm 2's candidate conditioning sets P (small first): (J ⊥ A | D \ A) with A = (P ∪ {V}) Δ D and
        /// (V ⊥ B | C \ B) with B = P Δ C. Only variables of D ∪ C are candidates: any other one only adds to what
        /// must be independent.</summary>
        private IEnumerable<ulong> JoinSets(ulong joint, ulong given, int v, ulong c)
        {
            // Necessary: P keeps the neighbours of V in C and of J in D, and adds no neighbour of V or J.
            var pool = (given | c) & ~joint & ~Bit(v);
            var required = ((c & _adjacent[v]) | (given & Adjacent(joint))) & pool;
            var forbidden = (pool & ~c & _adjacent[v]) | (pool & ~given & Adjacent(joint));
            if ((required & forbidden) != 0 || (Bit(v) & ~given & Adjacent(joint)) != 0) yield break;
            foreach (var free in Subsets(pool & ~required & ~forbidden))
            {
                var p = free | required;
                var a = (p | Bit(v)) ^ given;
                var b = p ^ c;
                if (Independent(Bit(v), b, c & ~b) && Independent(joint, a, given & ~a)) yield return p;
            }
        }

        /// <summary>Algorithm 3's candidate conditioning sets P for inserting P(M′ | P): (J ⊥ A | D \ A) with
        /// A = (P ∪ {M′}) Δ D, and the divisor must not depend on s: s ∉ P or (M′ ⊥ s | P \ s). Candidates: D and the
        /// variables before M′ in π.</summary>
        private IEnumerable<ulong> InsertSets(ulong joint, ulong given, int m, int s, ulong vars)
        {
            // Necessary: P ∪ {M′} keeps the neighbours of J in D and adds none; s only if it is not adjacent to M′.
            var pool = (given | (vars & (Bit(m) - 1))) & ~joint & ~Bit(m);
            var near = Adjacent(joint);
            var required = given & near & pool;
            var forbidden = pool & ~given & near;
            if ((_adjacent[m] & Bit(s)) != 0) forbidden |= Bit(s) & ~required;
            foreach (var free in Subsets(pool & ~required & ~forbidden))
            {
                var p = free | required;
                var a = (p | Bit(m)) ^ given;
                if (Independent(joint, a, given & ~a) && ((p & Bit(s)) == 0 || Independent(Bit(m), Bit(s), p & ~Bit(s)))) yield return p;
            }
        }

        /// <summary>factorize: P(J \ s | D) by the chain rule (latest in π first, then in joining order), each inserted
        /// term cancelled against its factor (equal conditioning sets, or equal by m-separation); null when one does not cancel.</summary>
        private List<Term>? Factorize(ImmutableList<int> joint, ulong given, ImmutableList<Insertion> inserted, int s)
        {
            if (!joint.Contains(s) || (given & Bit(s)) != 0) return null;
            var rest = joint.Remove(s);
            foreach (var order in new[] { rest.OrderByDescending(v => v).ToList(), rest.ToList() })
            {
                var factors = new List<Term>();
                var later = given;
                for (var m = order.Count - 1; m >= 0; m--)
                {
                    factors.Add(new Term(order[m], later));
                    later |= Bit(order[m]);
                }
                var ok = true;
                foreach (var ins in inserted)
                {
                    var k = factors.FindIndex(f => f.Head == ins.Variable);
                    var f = factors[k].Cond;
                    if (f == ins.Given || Independent(Bit(ins.Variable), f ^ ins.Given, f & ins.Given)) factors.RemoveAt(k);
                    else { ok = false; break; }
                }
                if (ok) return factors;
            }
            return null;
        }

        /// <summary>The subsets of a pool, smallest first (earlier in π first within a size), at most
        /// <see cref="MaxSubsetsPerStep"/>.</summary>
        private IEnumerable<ulong> Subsets(ulong pool)
        {
            var positions = Members(pool).ToArray();
            var n = positions.Length;
            var produced = 0;
            yield return 0;
            for (var size = 1; size <= n; size++)
            {
                // Gosper's hack over n-bit index masks, deposited onto the pool's positions.
                for (var comb = Bit(size) - 1; comb >> n == 0;)
                {
                    if (++produced >= MaxSubsetsPerStep || Stopped) yield break;
                    var p = 0UL;
                    foreach (var j in Members(comb)) p |= Bit(positions[j]);
                    yield return p;
                    if (size == n) break;
                    var low = comb & (~comb + 1);
                    var ripple = comb + low;
                    comb = (((ripple ^ comb) >> 2) / low) | ripple;
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
                        var outcomes = Set(p.Outcomes);
                        var kept = p.Conditions.ToList();
                        foreach (var c in p.Conditions.OrderByDescending(s => _index[s.Variable]))
                            if (Independent(outcomes, Set([c]), Set(kept.Where(k => k != c))))
                                kept.Remove(c);
                        return kept.Count == p.Conditions.Count ? p : Expression.P(p.Outcomes, kept);
                    }
                case ProductTerm p:
                    return Expression.Product(p.Factors.Select(Prune));
                case FractionTerm f:
                    return Expression.Fraction(Prune(f.Numerator), Prune(f.Denominator));
                case SumTerm s when !Marginalises(s):
                    return s;
                case SumTerm s:
                    {
                        var body = Prune(s.Body);
                        return Expression.Sum(s.Indices, Keeps(s.Indices, body) ? body : s.Body);
                    }
                default:
                    return e;
            }
        }
    }
}
