using System.Numerics;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>
/// A morphism of FinStoch (Jacobs, Kissinger &amp; Zanasi 2019, §2): a stochastic matrix from the input wires
/// <see cref="Dom"/> to the output wires <see cref="Cod"/>, i.e. a conditional table P(cod | dom). Axes are positional
/// and named by their variables, so the same variable may appear on both sides (an identity S → S) or twice in the
/// output (a copy). Values are stored row-major over (dom…, cod…), the last output varying fastest. Immutable.
/// A state is a channel with no inputs; <see cref="ToFactor"/> turns it into a joint distribution.
/// </summary>
/// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
public sealed class Channel<T>
    where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
        IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
{
    private readonly Variable[] _dom;
    private readonly Variable[] _cod;
    private readonly T[] _values;

    internal Channel(Variable[] dom, Variable[] cod, T[] values)
    {
        _dom = dom;
        _cod = cod;
        _values = values;
    }

    /// <summary>Creates a channel from its table, row-major over (dom…, cod…).</summary>
    /// <param name="dom">The input variables (finite).</param>
    /// <param name="cod">The output variables (finite).</param>
    /// <param name="values">One value per (input, output) cell; each input row must sum to 1.</param>
    /// <returns>The channel.</returns>
    /// <exception cref="DiagramException">A continuous variable, the wrong number of values, or a row that is not a
    /// distribution (the message names the row).</exception>
    public static Channel<T> Create(IEnumerable<Variable> dom, IEnumerable<Variable> cod, IEnumerable<T> values)
    {
        var d = dom.ToArray();
        var c = cod.ToArray();
        foreach (var v in d.Concat(c).Where(v => !v.Domain.IsFinite))
            throw new DiagramException($"Wire '{v.Name}' is continuous; channels need finite variables.");
        var table = values.ToArray();
        var rows = Size(d);
        var columns = Size(c);
        if (table.Length != checked(rows * columns))
            throw new DiagramException($"A channel {Describe(d)} → {Describe(c)} needs {rows * columns} values, not {table.Length}.");
        var channel = new Channel<T>(d, c, table);
        channel.CheckStochastic();
        return channel;
    }

    /// <summary>The input wires.</summary>
    public IReadOnlyList<Variable> Dom => _dom;

    /// <summary>The output wires.</summary>
    public IReadOnlyList<Variable> Cod => _cod;

    /// <summary>The table, row-major over (dom…, cod…).</summary>
    public IReadOnlyList<T> Values => _values;

    /// <summary>P(outputs | inputs) at the given value codes (inputs first, then outputs, by position).</summary>
    /// <param name="codes">One code per input position, then one per output position.</param>
    public T this[params int[] codes]
    {
        get
        {
            if (codes.Length != _dom.Length + _cod.Length)
                throw new DiagramException($"The channel {this.Signature} has {_dom.Length + _cod.Length} axes; {codes.Length} codes were given.");
            var offset = 0;
            var axes = _dom.Concat(_cod).ToArray();
            for (var i = 0; i < axes.Length; i++)
            {
                if (codes[i] < 0 || codes[i] >= axes[i].Size)
                    throw new DiagramException($"Code {codes[i]} is outside the domain of '{axes[i].Name}' (0..{axes[i].Size - 1}).");
                offset = offset * axes[i].Size + codes[i];
            }
            return _values[offset];
        }
    }

    /// <summary>P(outputs | inputs) at the given values (inputs first, then outputs, by position).</summary>
    /// <param name="values">One value per position, e.g. <c>channel.At("yes", "no")</c>.</param>
    public T At(params object[] values)
    {
        var axes = _dom.Concat(_cod).ToArray();
        if (values.Length != axes.Length)
            throw new DiagramException($"The channel {Signature} has {axes.Length} axes; {values.Length} values were given.");
        return this[values.Select((v, i) => axes[i].Domain.IndexOf(v, $"'{axes[i].Name}'")).ToArray()];
    }

    /// <summary>"S ⊗ T → C".</summary>
    public string Signature => $"{Describe(_dom)} → {Describe(_cod)}";

    /// <summary>A state (no inputs) as a joint distribution over its outputs.</summary>
    /// <exception cref="DiagramException">The channel has inputs, or two outputs carry the same variable.</exception>
    public Factor<T> ToFactor()
    {
        if (_dom.Length > 0) throw new DiagramException($"Only a state (no inputs) is a joint distribution; this channel is {Signature}.");
        var repeated = _cod.GroupBy(v => v.Name).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null) throw new DiagramException($"The state has two outputs named '{repeated.Key}'; discard or rename one first.");
        return Factor<T>.Create(_cod, _values);
    }

    /// <summary>Sequential composition (matrix product, Chapman–Kolmogorov): this, then <paramref name="next"/>.</summary>
    /// <param name="next">A channel whose inputs are this channel's outputs.</param>
    /// <exception cref="DiagramException">The wires do not match (the message names both types).</exception>
    public Channel<T> Then(Channel<T> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        Diagram.CheckSameWires(_cod, next._dom, "compose");
        var rows = Size(_dom);
        var middle = Size(_cod);
        var columns = Size(next._cod);
        var values = new T[checked(rows * columns)];
        for (var r = 0; r < rows; r++)
            for (var m = 0; m < middle; m++)
            {
                var a = _values[r * middle + m];
                if (a == T.AdditiveIdentity) continue;
                for (var c = 0; c < columns; c++)
                    values[r * columns + c] += a * next._values[m * columns + c];
            }
        return new Channel<T>(_dom, next._cod, values);
    }

    /// <summary>Parallel composition (Kronecker product): inputs (this, other), outputs (this, other).</summary>
    /// <param name="other">Any channel.</param>
    public Channel<T> Tensor(Channel<T> other)
    {
        ArgumentNullException.ThrowIfNull(other);
        int r1 = Size(_dom), c1 = Size(_cod), r2 = Size(other._dom), c2 = Size(other._cod);
        var values = new T[checked(r1 * r2 * c1 * c2)];
        for (var a = 0; a < r1; a++)
            for (var b = 0; b < r2; b++)
                for (var x = 0; x < c1; x++)
                {
                    var left = _values[a * c1 + x];
                    for (var y = 0; y < c2; y++)
                        values[((a * r2 + b) * c1 + x) * c2 + y] = left * other._values[b * c2 + y];
                }
        return new Channel<T>([.. _dom, .. other._dom], [.. _cod, .. other._cod], values);
    }

    /// <summary>Equal tables on equal wires.</summary>
    /// <param name="other">Another channel.</param>
    public bool SameAs(Channel<T> other) =>
        other is not null && Diagram.SameWires(_dom, other._dom) && Diagram.SameWires(_cod, other._cod) && _values.SequenceEqual(other._values);

    /// <summary>The identity on the wires.</summary>
    /// <param name="wires">The wires.</param>
    public static Channel<T> Identity(params IEnumerable<Variable> wires)
    {
        var w = wires.ToArray();
        var n = Size(w);
        var values = new T[checked(n * n)];
        for (var i = 0; i < n; i++) values[i * n + i] = T.MultiplicativeIdentity;
        return new Channel<T>(w, w, values);
    }

    /// <summary>The swap a ⊗ b → b ⊗ a.</summary>
    /// <param name="a">The first wire.</param>
    /// <param name="b">The second wire.</param>
    public static Channel<T> Swap(Variable a, Variable b)
    {
        var values = new T[a.Size * b.Size * b.Size * a.Size];
        for (var i = 0; i < a.Size; i++)
            for (var j = 0; j < b.Size; j++)
                values[(i * b.Size + j) * (b.Size * a.Size) + j * a.Size + i] = T.MultiplicativeIdentity;
        return new Channel<T>([a, b], [b, a], values);
    }

    /// <summary>Copy Δ: a → a ⊗ … ⊗ a (n copies); n = 0 is discard.</summary>
    /// <param name="a">The wire.</param>
    /// <param name="n">The number of copies.</param>
    public static Channel<T> Copy(Variable a, int n = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var columns = checked((int)Math.Pow(a.Size, n));
        var values = new T[a.Size * columns];
        for (var i = 0; i < a.Size; i++)
        {
            var column = 0;
            for (var k = 0; k < n; k++) column = column * a.Size + i;
            values[i * columns + column] = T.MultiplicativeIdentity;
        }
        return new Channel<T>([a], Enumerable.Repeat(a, n).ToArray(), values);
    }

    /// <summary>Discard ◊: a → I (the all-ones row: marginalisation).</summary>
    /// <param name="a">The wire.</param>
    public static Channel<T> Discard(Variable a) => Copy(a, 0);

    /// <summary>The uniform state I → a.</summary>
    /// <param name="a">The wire.</param>
    public static Channel<T> Uniform(Variable a)
    {
        var p = T.MultiplicativeIdentity / Count(a.Size);
        return new Channel<T>([], [a], Enumerable.Repeat(p, a.Size).ToArray());
    }

    /// <summary>The point state I → a at one value (a Dirac distribution).</summary>
    /// <param name="a">The wire.</param>
    /// <param name="value">A value of its domain.</param>
    public static Channel<T> Point(Variable a, object value)
    {
        var values = new T[a.Size];
        values[a.Domain.IndexOf(value, $"'{a.Name}'")] = T.MultiplicativeIdentity;
        return new Channel<T>([], [a], values);
    }

    /// <summary>The channel with every value mapped (e.g. rationals to doubles).</summary>
    /// <typeparam name="TOut">The new number type.</typeparam>
    /// <param name="map">The map.</param>
    public Channel<TOut> Map<TOut>(Func<T, TOut> map)
        where TOut : IAdditionOperators<TOut, TOut, TOut>, IMultiplyOperators<TOut, TOut, TOut>, IDivisionOperators<TOut, TOut, TOut>,
            IAdditiveIdentity<TOut, TOut>, IMultiplicativeIdentity<TOut, TOut>, IEqualityOperators<TOut, TOut, bool> =>
        new(_dom, _cod, _values.Select(map).ToArray());

    /// <summary>"Channel S → T: [0.9, 0.1, 0.1, 0.9]".</summary>
    public override string ToString() => $"Channel {Signature}: [{string.Join(", ", _values)}]";

    internal static int Size(IReadOnlyList<Variable> wires)
    {
        var n = 1;
        foreach (var w in wires) n = checked(n * w.Size);
        return n;
    }

    internal static string Describe(IReadOnlyList<Variable> wires) => wires.Count == 0 ? "I" : string.Join(" ⊗ ", wires.Select(w => w.Name));

    internal static T Count(int n)
    {
        var value = T.AdditiveIdentity;
        for (var i = 0; i < n; i++) value += T.MultiplicativeIdentity;
        return value;
    }

    private void CheckStochastic()
    {
        var rows = Size(_dom);
        var columns = Size(_cod);
        for (var r = 0; r < rows; r++)
        {
            var total = T.AdditiveIdentity;
            for (var c = 0; c < columns; c++) total += _values[r * columns + c];
            if (!Close(total)) throw new DiagramException($"Row {RowName(r)} of the channel {Signature} sums to {total}, not 1.");
        }
    }

    private static bool Close(T total) => total switch
    {
        double d => Math.Abs(d - 1) <= 1e-9,
        _ => total == T.MultiplicativeIdentity,
    };

    private string RowName(int row)
    {
        if (_dom.Length == 0) return "(the state)";
        var codes = new int[_dom.Length];
        for (var i = _dom.Length - 1; i >= 0; i--)
        {
            codes[i] = row % _dom[i].Size;
            row /= _dom[i].Size;
        }
        return "(" + string.Join(", ", _dom.Select((v, i) => $"{v.Name} = {v.Domain.ValueAt(codes[i])}")) + ")";
    }
}
