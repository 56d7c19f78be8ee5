using CausalScript.Data;
using CausalScript.Models;

namespace CausalScript.Diagrams;

/// <summary>
/// The sampling interpretation of string diagrams (string-diagrams.md §3.1, "Sampler"): a state I → B₁ ⊗ … ⊗ Bₙ is
/// run forwards, one row at a time — every box, in the diagram's topological order, draws its outputs from the row of
/// its table selected by the values already on its input wires (ancestral sampling, Henrion 1988; Koller &amp; Friedman
/// 2009, §12.1.1). A copy reads a value twice and a discard never reads it, so the rows are draws from the state's
/// distribution, <see cref="Stoch.Evaluate(Diagram)"/>, in the Kleisli reading of FinStoch (Jacobs, Kissinger &amp;
/// Zanasi 2019, §2).
/// </summary>
public static class DiagramSampler
{
    /// <summary>Draws <paramref name="rows"/> independent samples of a state diagram.</summary>
    /// <param name="diagram">A diagram with no inputs whose boxes all have a meaning (a table or a mechanism).</param>
    /// <param name="rows">The number of rows.</param>
    /// <param name="seed">The seed (the same seed gives the same rows).</param>
    /// <returns>One finite column per output position, in order. An output named like an earlier one gets a suffix:
    /// the second <c>S</c> is <c>S_2</c>, the third <c>S_3</c> (skipping names already taken).</returns>
    /// <exception cref="DiagramException">The diagram has inputs, or a box has no meaning (named).</exception>
    public static Dataset Sample(Diagram diagram, int rows, int seed = 0)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        if (diagram.DomWires.Length > 0)
            throw new DiagramException(
                $"Only a state (no inputs) can be sampled; this diagram is {diagram.Signature}. Feed its inputs first, e.g. Diagram.Point(x, value) >> diagram.");
        var tables = diagram.Nodes.Select(n => Cumulative(Stoch.Meaning(n.Box, Stoch.DoubleTable))).ToArray();
        var values = new int[diagram.Wires.Length][];
        for (var w = 0; w < values.Length; w++) values[w] = new int[rows];
        var random = new Random(seed);
        for (var r = 0; r < rows; r++)
            for (var i = 0; i < diagram.Nodes.Length; i++)
            {
                var node = diagram.Nodes[i];
                var (cumulative, columns) = tables[i];
                var row = 0;
                foreach (var w in node.Inputs) row = row * diagram.Wires[w].Size + values[w][r];
                var cell = Draw(cumulative, row * columns, columns, random.NextDouble());
                for (var k = node.Outputs.Length - 1; k >= 0; k--)
                {
                    var w = node.Outputs[k];
                    var size = diagram.Wires[w].Size;
                    values[w][r] = cell % size;
                    cell /= size;
                }
            }
        // The first output of each name keeps it; later ones get the first free suffix.
        var used = new HashSet<string>(diagram.CodWires.Select(w => diagram.Wires[w].Name), StringComparer.Ordinal);
        var first = new HashSet<string>(StringComparer.Ordinal);
        var variables = new Variable[diagram.CodWires.Length];
        var data = new Array[diagram.CodWires.Length];
        for (var k = 0; k < variables.Length; k++)
        {
            var v = diagram.Wires[diagram.CodWires[k]];
            var name = v.Name;
            if (!first.Add(name))
            {
                var suffix = 2;
                do name = $"{v.Name}_{suffix++}"; while (!used.Add(name));
            }
            variables[k] = name == v.Name ? v : new Variable(name, v.Domain, v.Symbol);
            data[k] = (int[])values[diagram.CodWires[k]].Clone();
        }
        return Dataset.Wrap(variables, data, rows);
    }

    /// <summary>Each row's cumulative distribution, and the number of columns.</summary>
    private static (double[] Cumulative, int Columns) Cumulative(Channel<double> table)
    {
        var columns = Channel<double>.Size(table.Cod);
        var values = table.Values;
        var cumulative = new double[values.Count];
        for (var start = 0; start < values.Count; start += columns)
        {
            var total = 0.0;
            for (var c = 0; c < columns; c++) cumulative[start + c] = total += values[start + c];
        }
        return (cumulative, columns);
    }

    /// <summary>The first cell whose cumulative probability exceeds u·(row total) (inverse-CDF sampling); cells of
    /// probability 0 are never drawn.</summary>
    private static int Draw(double[] cumulative, int start, int columns, double u)
    {
        if (columns == 1) return 0;
        var target = u * cumulative[start + columns - 1];
        for (var c = 0; c < columns - 1; c++)
            if (target < cumulative[start + c]) return c;
        // Rounding: the last cell with positive probability.
        for (var c = columns - 1; c > 0; c--)
            if (cumulative[start + c] > cumulative[start + c - 1]) return c;
        return 0;
    }
}
