using System.Numerics;
using CausalScript.Data;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Expressions;

/// <summary>Where the atoms of an expression get their numbers: an observational joint, or a model that can also
/// answer interventional atoms.</summary>
/// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
public interface IDistributionSource<T>
{
    /// <summary>The variable (with its domain) of a symbol's name.</summary>
    /// <param name="name">A variable name.</param>
    Variable Variable(string name);

    /// <summary>P_x(a | c) for the atom at the given values (codes, by symbol).</summary>
    /// <param name="atom">The atom.</param>
    /// <param name="valueOf">The code of each of the atom's symbols.</param>
    T Probability(ProbabilityTerm atom, Func<Symbol, int> valueOf);
}

/// <summary>An observational joint distribution (a <see cref="Factor{T}"/> over all variables) as a source of
/// atoms; marginals are computed once per variable set. Interventional atoms are refused.</summary>
/// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
public sealed class JointDistribution<T> : IDistributionSource<T>
    where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
        IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    private readonly Factor<T> _joint;
    private readonly Dictionary<string, Variable> _variables;
    private readonly Dictionary<string, Factor<T>> _marginals = new(StringComparer.Ordinal);

    /// <summary>Wraps a joint distribution.</summary>
    /// <param name="joint">P(v) over all the variables the expressions mention.</param>
    public JointDistribution(Factor<T> joint)
    {
        _joint = joint ?? throw new ArgumentNullException(nameof(joint));
        _variables = joint.Variables.ToDictionary(v => v.Name, StringComparer.Ordinal);
    }

    /// <inheritdoc/>
    public Variable Variable(string name) =>
        _variables.TryGetValue(name, out var v) ? v
        : throw new CausalScriptException($"The expression mentions '{name}', which is not a variable of the joint distribution ({string.Join(", ", _variables.Keys)}).");

    /// <inheritdoc/>
    public T Probability(ProbabilityTerm atom, Func<Symbol, int> valueOf)
    {
        if (!atom.IsObservational)
            throw new CausalScriptException($"{atom} is interventional; an observational joint cannot evaluate it. Evaluate on a model instead.");
        var joint = Marginal(atom.Outcomes.Concat(atom.Conditions).Select(s => Variable(s.Variable)));
        var numerator = joint[atom.Outcomes.Concat(atom.Conditions).Select(s => At(s, valueOf)).ToArray()];
        if (atom.Conditions.IsEmpty) return numerator;
        var denominator = Marginal(atom.Conditions.Select(s => Variable(s.Variable)))[atom.Conditions.Select(s => At(s, valueOf)).ToArray()];
        return denominator == T.AdditiveIdentity ? T.AdditiveIdentity : numerator / denominator;
    }

    private Assignment At(Symbol s, Func<Symbol, int> valueOf)
    {
        var v = Variable(s.Variable);
        return v.Is(v.Domain.ValueAt(valueOf(s)));
    }

    private Factor<T> Marginal(IEnumerable<Variable> vars)
    {
        var list = vars.OrderBy(v => v.Name, StringComparer.Ordinal).ToArray();
        var key = string.Join("\u0001", list.Select(v => v.Name));
        if (!_marginals.TryGetValue(key, out var m)) _marginals[key] = m = _joint.Marginal(list);
        return m;
    }
}

/// <summary>Evaluation of expressions: the value at given values of the free symbols, or the whole table.</summary>
public static class ExpressionEvaluator
{
    /// <summary>The value of the expression when each free symbol takes the given code.</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="expression">The expression.</param>
    /// <param name="source">The distribution.</param>
    /// <param name="values">A code for every free symbol.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CausalScriptException">A free symbol has no value, or a non-zero value is divided by 0.</exception>
    public static T Evaluate<T>(this Expression expression, IDistributionSource<T> source, IReadOnlyDictionary<Symbol, int> values)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        foreach (var s in expression.FreeSymbols)
            if (!values.ContainsKey(s)) throw new CausalScriptException($"The free symbol {s} of {expression} has no value.");
        return Eval(expression, source, new Dictionary<Symbol, int>(values));
    }

    /// <summary>The expression as a table over its free symbols (a primed symbol x′ becomes an axis named <c>X'</c>
    /// with X's domain).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="expression">The expression.</param>
    /// <param name="source">The distribution.</param>
    /// <returns>One value per assignment of the free symbols.</returns>
    public static Factor<T> Table<T>(this Expression expression, IDistributionSource<T> source)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var free = expression.FreeSymbols.ToArray();
        var axes = free.Select(s => s.Primes == 0 ? source.Variable(s.Variable) : new Variable(s.ToString(), source.Variable(s.Variable).Domain)).ToArray();
        var values = new List<T>();
        var env = new Dictionary<Symbol, int>();
        foreach (var codes in Codes(axes.Select(a => a.Size).ToArray()))
        {
            for (var i = 0; i < free.Length; i++) env[free[i]] = codes[i];
            values.Add(Eval(expression, source, env));
        }
        return Factor<T>.Create(axes, values);
    }

    /// <summary>Evaluates on an observational joint distribution.</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="expression">The expression.</param>
    /// <param name="joint">P(v).</param>
    /// <returns>The table over the free symbols.</returns>
    public static Factor<T> Table<T>(this Expression expression, Factor<T> joint)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool> =>
        expression.Table(new JointDistribution<T>(joint));

    /// <summary>The plug-in estimate on discrete data: every atom P(a | c) becomes count(a, c) / count(c)
    /// (<see cref="EmpiricalDistribution"/>), so any observational estimand — adjustment, front door, a general ID
    /// ratio — can be estimated from a sample.</summary>
    /// <param name="expression">An observational estimand.</param>
    /// <param name="data">Rows with a finite column for every variable the estimand mentions.</param>
    /// <returns>The estimate over the free symbols.</returns>
    /// <exception cref="DataException">A variable is not a column, or a cell of the result depends on a conditioning
    /// cell that never occurs in the data (positivity fails in the sample; the message names the atom and the cell).</exception>
    public static Factor<double> Table(this Expression expression, Dataset data)
    {
        var source = new EmpiricalDistribution(data);
        var table = expression.Table(source);
        if (table.Values.Any(double.IsNaN))
            throw new DataException($"The plug-in estimate of {expression} is undefined: {source.FirstUndefined} has no rows in the data " +
                "(positivity fails in the sample). Collect more data, coarsen the variables, or choose another estimand.");
        return table;
    }

    private static IEnumerable<int[]> Codes(int[] sizes)
    {
        var counter = new int[sizes.Length];
        if (sizes.Any(s => s == 0)) yield break;
        while (true)
        {
            yield return counter;
            var k = sizes.Length - 1;
            while (k >= 0 && ++counter[k] == sizes[k]) counter[k--] = 0;
            if (k < 0) yield break;
        }
    }

    private static T Eval<T>(Expression e, IDistributionSource<T> source, Dictionary<Symbol, int> env)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        switch (e)
        {
            case ConstantTerm c:
                return typeof(T) == typeof(Rational) ? (T)(object)c.Value
                    : typeof(T) == typeof(double) ? (T)(object)c.Value.ToDouble()
                    : throw new CausalScriptException($"Constants evaluate in double or Rational, not {typeof(T).Name}.");
            case ProbabilityTerm p:
                return source.Probability(p, s => env[s]);
            case ProductTerm product:
                {
                    // A zero factor makes the product 0 even beside an undefined one (an unseen conditioning cell of
                    // plug-in data evaluates to NaN): Σ_z P(y | x, z) P(z) ignores the z that never occur.
                    var value = T.MultiplicativeIdentity;
                    foreach (var f in product.Factors)
                    {
                        var factor = Eval(f, source, env);
                        if (factor == T.AdditiveIdentity) return T.AdditiveIdentity;
                        value *= factor;
                    }
                    return value;
                }
            case FractionTerm fraction:
                {
                    var numerator = Eval(fraction.Numerator, source, env);
                    var denominator = Eval(fraction.Denominator, source, env);
                    if (denominator != T.AdditiveIdentity) return numerator / denominator;
                    if (numerator == T.AdditiveIdentity) return T.AdditiveIdentity;
                    throw new CausalScriptException(
                        $"{fraction.Denominator} is 0 at ({string.Join(", ", env.Select(kv => $"{kv.Key} = {kv.Value}"))}): the estimand is undefined there (positivity fails).");
                }
            case SumTerm sum:
                {
                    var indices = sum.Indices.ToArray();
                    var sizes = indices.Select(i => source.Variable(i.Variable).Size).ToArray();
                    var saved = indices.Select(i => env.TryGetValue(i, out var v) ? (int?)v : null).ToArray();
                    var total = T.AdditiveIdentity;
                    foreach (var codes in Codes(sizes))
                    {
                        for (var i = 0; i < indices.Length; i++) env[indices[i]] = codes[i];
                        total += Eval(sum.Body, source, env);
                    }
                    for (var i = 0; i < indices.Length; i++)
                        if (saved[i] is int v) env[indices[i]] = v; else env.Remove(indices[i]);
                    return total;
                }
            default:
                throw new InvalidOperationException($"Unknown expression {e.GetType().Name}.");
        }
    }
}
