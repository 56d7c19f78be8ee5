using System.Numerics;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>
/// The interpretation of diagrams in FinStoch (JKZ §2): each box becomes its conditional table, and the diagram is
/// evaluated as a tensor network — every wire is an index, a copy makes indices equal, a discard sums one out — with
/// a min-fill contraction order (the variable-elimination engine, unnormalised). Exact in <see cref="Rational"/>,
/// fast in double.
/// </summary>
public static class Stoch
{
    /// <summary>The diagram's stochastic matrix in doubles; boxes mean their mechanism or table.</summary>
    /// <param name="diagram">A diagram whose generator boxes all have a meaning.</param>
    /// <exception cref="DiagramException">A box has no meaning (named).</exception>
    public static Channel<double> Evaluate(Diagram diagram) => Evaluate(diagram, DoubleTable);

    /// <summary>The diagram's stochastic matrix in exact rationals (decimal tables are read as written).</summary>
    /// <param name="diagram">A diagram whose generator boxes all have a meaning.</param>
    public static Channel<Rational> EvaluateExact(Diagram diagram) => Evaluate(diagram, ExactTable);

    /// <summary>The diagram's stochastic matrix with generator boxes interpreted by <paramref name="generators"/>
    /// (uniform and point states keep their meaning: the functor preserves the CDU structure).</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    /// <param name="diagram">The diagram.</param>
    /// <param name="generators">The table of each generator box (its wires must be the box's).</param>
    public static Channel<T> Evaluate<T>(Diagram diagram, Func<Box, Channel<T>> generators)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentNullException.ThrowIfNull(generators);
        // One axis per wire, named by its id so that copies of one variable stay distinct indices.
        var axes = diagram.Wires.Select((v, i) => new Variable($"#{i}:{v.Name}", v.Domain)).ToArray();
        var factors = new List<Factor<T>>();
        foreach (var node in diagram.Nodes)
        {
            var table = Meaning(node.Box, generators);
            factors.Add(OverWires(table.Values, [.. node.Inputs, .. node.Outputs], axes));
        }
        var open = diagram.DomWires.Concat(diagram.CodWires).Distinct().ToArray();
        var result = VariableElimination.Contract(factors, open.Select(w => axes[w]).ToArray());
        // Expand to positional axes: inputs, then outputs; positions sharing a wire must agree.
        var positions = diagram.DomWires.Concat(diagram.CodWires).ToArray();
        var sizes = positions.Select(w => axes[w].Size).ToArray();
        var stride = new Dictionary<int, int>();
        var step = 1;
        for (var k = result.Variables.Count - 1; k >= 0; k--)
        {
            stride[WireOf(result.Variables[k])] = step;
            step *= result.Variables[k].Size;
        }
        var first = positions.Select((w, k) => Array.IndexOf(positions, w) == k).ToArray();
        var source = result.Values;
        var values = new T[Channel<T>.Size(positions.Select(w => axes[w]).ToArray())];
        var codes = new int[positions.Length];
        for (var cell = 0; cell < values.Length; cell++)
        {
            var rest = cell;
            for (var k = positions.Length - 1; k >= 0; k--)
            {
                codes[k] = rest % sizes[k];
                rest /= sizes[k];
            }
            var offset = 0;
            var consistent = true;
            for (var k = 0; k < positions.Length && consistent; k++)
            {
                if (first[k]) offset += stride.TryGetValue(positions[k], out var s) ? s * codes[k] : 0;
                else consistent = codes[k] == codes[Array.IndexOf(positions, positions[k])];
            }
            if (consistent) values[cell] = source[offset];
        }
        return new Channel<T>([.. diagram.Dom], [.. diagram.Cod], values);
    }

    /// <summary>The FinStoch target category, for <see cref="Functor{TMorphism}"/>.</summary>
    /// <typeparam name="T"><c>double</c> or <see cref="Rational"/>.</typeparam>
    public static IMarkovCategory<Channel<T>> Category<T>()
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool> => new StochCategory<T>();

    /// <summary>The meaning of a box in doubles: its table, its exact table, or its mechanism's table.</summary>
    /// <param name="box">A box.</param>
    public static Channel<double> DoubleTable(Box box)
    {
        ArgumentNullException.ThrowIfNull(box);
        return box.Table ?? box.ExactTable?.Map(r => r.ToDouble())
            ?? (box.Mechanism is { } m ? new Channel<double>([.. box.Dom], [.. box.Cod], m.Table(box.Cod[0])) : throw NoMeaning(box));
    }

    /// <summary>The meaning of a box in rationals: its exact table, its decimal table read as written, or its
    /// mechanism's exact table.</summary>
    /// <param name="box">A box.</param>
    public static Channel<Rational> ExactTable(Box box)
    {
        ArgumentNullException.ThrowIfNull(box);
        return box.ExactTable ?? box.Table?.Map(Rational.FromDecimal)
            ?? (box.Mechanism is { } m ? new Channel<Rational>([.. box.Dom], [.. box.Cod], m.ExactTable(box.Cod[0])) : throw NoMeaning(box));
    }

    internal static Channel<T> Meaning<T>(Box box, Func<Box, Channel<T>> generators)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var table = box.Kind switch
        {
            BoxKind.Uniform => Channel<T>.Uniform(box.Cod[0]),
            BoxKind.Point => Channel<T>.Point(box.Cod[0], box.Value!),
            _ => generators(box),
        };
        if (!Diagram.SameWires(table.Dom, box.Dom) || !Diagram.SameWires(table.Cod, box.Cod))
            throw new DiagramException($"The interpretation of box '{box.Name}' is a channel {table.Signature}, but the box is {box}.");
        return table;
    }

    private static DiagramException NoMeaning(Box box) =>
        new($"Box '{box.Name}' has no table or mechanism; interpret it with Stoch.Evaluate(diagram, box => …) or build it with Box.FromChannel.");

    private static int WireOf(Variable axis) => int.Parse(axis.Name.AsSpan(1, axis.Name.IndexOf(':') - 1));

    /// <summary>A positional table (one axis per position) as a factor over the distinct wires: positions that share
    /// a wire take the diagonal.</summary>
    private static Factor<T> OverWires<T>(IReadOnlyList<T> values, int[] positions, Variable[] axes)
        where T : IAdditionOperators<T, T, T>, IMultiplyOperators<T, T, T>, IDivisionOperators<T, T, T>,
            IAdditiveIdentity<T, T>, IMultiplicativeIdentity<T, T>, IEqualityOperators<T, T, bool>
    {
        var distinct = positions.Distinct().ToArray();
        if (distinct.Length == positions.Length) return Factor<T>.Create(positions.Select(w => axes[w]), values);
        var sizes = distinct.Select(w => axes[w].Size).ToArray();
        var total = sizes.Aggregate(1, (a, b) => checked(a * b));
        var result = new T[total];
        var codes = new int[distinct.Length];
        for (var cell = 0; cell < total; cell++)
        {
            var rest = cell;
            for (var k = distinct.Length - 1; k >= 0; k--)
            {
                codes[k] = rest % sizes[k];
                rest /= sizes[k];
            }
            var offset = 0;
            foreach (var w in positions) offset = offset * axes[w].Size + codes[Array.IndexOf(distinct, w)];
            result[cell] = values[offset];
        }
        return Factor<T>.Create(distinct.Select(w => axes[w]), result);
    }
}
