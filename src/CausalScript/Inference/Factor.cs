using System.Numerics;
using System.Text;
using CausalScript.Models;

namespace CausalScript.Inference;

/// <summary>
/// A table over finite variables with named axes and values in <typeparamref name="T"/> (<c>double</c>, or
/// <see cref="Rational"/> for exact arithmetic): the one table type of exact inference (potentials, CPTs,
/// distributions), stochastic matrices and estimand evaluation. Immutable; values are stored contiguously in
/// row-major order (the last variable varies fastest) with precomputed strides, and the operations walk them with
/// incremental index arithmetic (Koller &amp; Friedman 2009, Alg. 10.A.1) — no per-cell allocation.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public sealed class Factor<T>
    where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
        IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    private readonly Variable[] _variables;
    private readonly int[] _sizes;
    private readonly int[] _strides;
    private readonly T[] _values;

    private Factor(Variable[] variables, T[] values)
    {
        _variables = variables;
        _sizes = variables.Select(v => v.Size).ToArray();
        _strides = new int[variables.Length];
        var stride = 1;
        for (var i = variables.Length - 1; i >= 0; i--)
        {
            _strides[i] = stride;
            stride = checked(stride * _sizes[i]);
        }
        _values = values;
    }

    /// <summary>Creates a factor from values in row-major order (the last variable varies fastest).</summary>
    /// <param name="variables">Distinct finite variables (the axes).</param>
    /// <param name="values">One value per joint assignment: the product of the domain sizes.</param>
    /// <returns>The factor.</returns>
    /// <exception cref="CausalScriptException">A continuous or repeated variable, or the wrong number of values.</exception>
    public static Factor<T> Create(IEnumerable<Variable> variables, IEnumerable<T> values)
    {
        var vars = variables.ToArray();
        var seen = new HashSet<Variable>();
        foreach (var v in vars)
        {
            if (!v.Domain.IsFinite) throw new CausalScriptException($"Variable '{v.Name}' is continuous; a factor needs finite variables.");
            if (!seen.Add(v)) throw new CausalScriptException($"Variable '{v.Name}' appears twice in a factor.");
        }
        var array = values.ToArray();
        var expected = vars.Aggregate(1L, (acc, v) => acc * v.Size);
        if (array.Length != expected)
            throw new CausalScriptException(
                $"A factor over ({string.Join(", ", vars.Select(v => $"{v.Name}: {v.Size}"))}) needs {expected} values, got {array.Length}.");
        return new Factor<T>(vars, array);
    }

    /// <summary>A factor with no variables holding one value.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The scalar factor.</returns>
    public static Factor<T> Scalar(T value) => new([], [value]);

    /// <summary>The axes, in storage order.</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>The values in row-major order (the last variable varies fastest).</summary>
    public IReadOnlyList<T> Values => _values;

    /// <summary>The sum of all values.</summary>
    public T Total
    {
        get
        {
            var sum = T.AdditiveIdentity;
            foreach (var v in _values) sum += v;
            return sum;
        }
    }

    /// <summary>The value at a full assignment of the factor's variables (in any order).</summary>
    /// <param name="assignment">One assignment per variable of the factor.</param>
    /// <exception cref="CausalScriptException">A variable of the factor is missing, or an assigned variable is not an axis.</exception>
    public T this[params Assignment[] assignment] => _values[Offset(assignment)];

    private int Offset(IReadOnlyCollection<Assignment> assignment)
    {
        var offset = 0;
        var assigned = 0;
        foreach (var a in assignment)
        {
            var axis = Array.IndexOf(_variables, a.Variable);
            if (axis < 0) throw new CausalScriptException($"'{a.Variable.Name}' is not a variable of this factor ({Axes}).");
            offset += a.Index * _strides[axis];
            assigned++;
        }
        if (assigned != _variables.Length)
            throw new CausalScriptException($"A value of this factor needs an assignment to each of ({Axes}).");
        return offset;
    }

    private string Axes => string.Join(", ", _variables.Select(v => v.Name));

    /// <summary>The factor product: a factor over the union of the variables (this factor's first).</summary>
    /// <param name="other">The other factor.</param>
    /// <returns>ψ(x) = this(x) · other(x).</returns>
    public Factor<T> Product(Factor<T> other) => Combine(this, other, divide: false);

    /// <summary>The factor product.</summary>
    /// <param name="a">Left factor.</param>
    /// <param name="b">Right factor.</param>
    /// <returns>The product.</returns>
    public static Factor<T> operator *(Factor<T> a, Factor<T> b) => Combine(a, b, divide: false);

    /// <summary>Divides by a factor over a subset of the variables (for conditionals); 0 / 0 is 0.</summary>
    /// <param name="denominator">A factor whose variables are all variables of this one.</param>
    /// <returns>this(x) / denominator(x).</returns>
    /// <exception cref="CausalScriptException">The denominator has other variables, or a non-zero value is divided by 0.</exception>
    public Factor<T> Divide(Factor<T> denominator)
    {
        foreach (var v in denominator._variables)
            if (Array.IndexOf(_variables, v) < 0)
                throw new CausalScriptException($"Cannot divide by a factor over '{v.Name}', which this factor ({Axes}) does not have.");
        return Combine(this, denominator, divide: true);
    }

    private static Factor<T> Combine(Factor<T> a, Factor<T> b, bool divide)
    {
        var vars = a._variables.Concat(b._variables.Where(v => Array.IndexOf(a._variables, v) < 0)).ToArray();
        var n = vars.Length;
        var sizes = new int[n];
        var strideA = new int[n];
        var strideB = new int[n];
        var total = 1;
        for (var l = 0; l < n; l++)
        {
            sizes[l] = vars[l].Size;
            total = checked(total * sizes[l]);
            var ia = Array.IndexOf(a._variables, vars[l]);
            var ib = Array.IndexOf(b._variables, vars[l]);
            strideA[l] = ia < 0 ? 0 : a._strides[ia];
            strideB[l] = ib < 0 ? 0 : b._strides[ib];
        }
        var result = new T[total];
        var counter = new int[n];
        int j = 0, k = 0;
        for (var i = 0; i < total; i++)
        {
            if (divide)
            {
                var (x, y) = (a._values[j], b._values[k]);
                if (y == T.AdditiveIdentity)
                {
                    if (x != T.AdditiveIdentity)
                        throw new CausalScriptException($"Division by zero at {Describe(vars, counter)} (a non-zero value over a zero).");
                    result[i] = T.AdditiveIdentity;
                }
                else result[i] = x / y;
            }
            else result[i] = a._values[j] * b._values[k];
            // Advance the joint counter (last variable fastest), updating both source offsets incrementally.
            for (var l = n - 1; l >= 0; l--)
            {
                if (++counter[l] < sizes[l])
                {
                    j += strideA[l];
                    k += strideB[l];
                    break;
                }
                counter[l] = 0;
                j -= (sizes[l] - 1) * strideA[l];
                k -= (sizes[l] - 1) * strideB[l];
            }
        }
        return new Factor<T>(vars, result);
    }

    private static string Describe(Variable[] vars, int[] counter) =>
        string.Join(", ", vars.Select((v, l) => $"{v.Name} = {v.Domain.Labels[counter[l]]}"));

    /// <summary>Sums the given variables out.</summary>
    /// <param name="variables">Variables of this factor to eliminate.</param>
    /// <returns>Σ over those variables.</returns>
    /// <exception cref="CausalScriptException">A variable that is not an axis.</exception>
    public Factor<T> SumOut(params IEnumerable<Variable> variables)
    {
        var drop = variables.ToHashSet();
        foreach (var v in drop)
            if (Array.IndexOf(_variables, v) < 0) throw new CausalScriptException($"Cannot sum out '{v.Name}': not a variable of this factor ({Axes}).");
        var keep = _variables.Where(v => !drop.Contains(v)).ToArray();
        var target = new Factor<T>(keep, new T[keep.Aggregate(1, (acc, v) => checked(acc * v.Size))]);
        Array.Fill(target._values, T.AdditiveIdentity);
        var n = _variables.Length;
        var targetStride = new int[n];
        for (var l = 0; l < n; l++)
        {
            var t = Array.IndexOf(keep, _variables[l]);
            targetStride[l] = t < 0 ? 0 : target._strides[t];
        }
        var counter = new int[n];
        var j = 0;
        for (var i = 0; i < _values.Length; i++)
        {
            target._values[j] += _values[i];
            for (var l = n - 1; l >= 0; l--)
            {
                if (++counter[l] < _sizes[l]) { j += targetStride[l]; break; }
                counter[l] = 0;
                j -= (_sizes[l] - 1) * targetStride[l];
            }
        }
        return target;
    }

    /// <summary>The marginal over the given variables (all others summed out), axes in this factor's order.</summary>
    /// <param name="keep">Variables of this factor to keep.</param>
    /// <returns>The marginal.</returns>
    public Factor<T> Marginal(params IEnumerable<Variable> keep)
    {
        var set = keep.ToHashSet();
        foreach (var v in set)
            if (Array.IndexOf(_variables, v) < 0) throw new CausalScriptException($"Cannot keep '{v.Name}': not a variable of this factor ({Axes}).");
        return SumOut(_variables.Where(v => !set.Contains(v)));
    }

    /// <summary>Restricts to evidence: keeps the entries consistent with the assignments and drops those variables.
    /// Assignments to variables the factor does not have are ignored (they do not constrain it).</summary>
    /// <param name="evidence">Assignments.</param>
    /// <returns>The reduced factor.</returns>
    public Factor<T> Reduce(params IEnumerable<Assignment> evidence)
    {
        var fixedIndex = new int[_variables.Length];
        Array.Fill(fixedIndex, -1);
        foreach (var a in evidence)
        {
            var axis = Array.IndexOf(_variables, a.Variable);
            if (axis < 0) continue;
            if (fixedIndex[axis] >= 0 && fixedIndex[axis] != a.Index)
                throw new CausalScriptException($"Conflicting evidence for '{a.Variable.Name}'.");
            fixedIndex[axis] = a.Index;
        }
        var keepAxes = Enumerable.Range(0, _variables.Length).Where(l => fixedIndex[l] < 0).ToArray();
        var keep = keepAxes.Select(l => _variables[l]).ToArray();
        var result = new T[keep.Aggregate(1, (acc, v) => checked(acc * v.Size))];
        var baseOffset = 0;
        for (var l = 0; l < _variables.Length; l++) if (fixedIndex[l] >= 0) baseOffset += fixedIndex[l] * _strides[l];
        var counter = new int[keepAxes.Length];
        var j = baseOffset;
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = _values[j];
            for (var l = keepAxes.Length - 1; l >= 0; l--)
            {
                var axis = keepAxes[l];
                if (++counter[l] < _sizes[axis]) { j += _strides[axis]; break; }
                counter[l] = 0;
                j -= (_sizes[axis] - 1) * _strides[axis];
            }
        }
        return new Factor<T>(keep, result);
    }

    /// <summary>Divides every value by the total, giving a distribution.</summary>
    /// <returns>The normalised factor.</returns>
    /// <exception cref="CausalScriptException">The total is zero (e.g. evidence of probability zero).</exception>
    public Factor<T> Normalize()
    {
        var total = Total;
        if (total == T.AdditiveIdentity)
            throw new CausalScriptException($"Cannot normalise a factor over ({Axes}) whose values sum to zero (evidence of probability zero?).");
        return new Factor<T>(_variables, _values.Select(v => v / total).ToArray());
    }

    /// <summary>The same axes with every value transformed (e.g. <see cref="Rational"/> to <c>double</c>).</summary>
    /// <typeparam name="TOut">The new number type.</typeparam>
    /// <param name="map">The conversion.</param>
    /// <returns>The converted factor.</returns>
    public Factor<TOut> Map<TOut>(Func<T, TOut> map)
        where TOut : IAdditionOperators<TOut, TOut, TOut>, IMultiplyOperators<TOut, TOut, TOut>, IDivisionOperators<TOut, TOut, TOut>,
            IAdditiveIdentity<TOut, TOut>, IMultiplicativeIdentity<TOut, TOut>, IEqualityOperators<TOut, TOut, bool> =>
        Factor<TOut>.Create(_variables, _values.Select(map));

    /// <summary>A table: one line per joint assignment, e.g. <c>S = yes, C = no : 0.7</c>.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        var counter = new int[_variables.Length];
        for (var i = 0; i < _values.Length; i++)
        {
            if (_variables.Length > 0) sb.Append(Describe(_variables, counter)).Append(" : ");
            sb.Append(_values[i]).Append('\n');
            for (var l = _variables.Length - 1; l >= 0; l--)
            {
                if (++counter[l] < _sizes[l]) break;
                counter[l] = 0;
            }
        }
        return sb.ToString().TrimEnd('\n');
    }
}
