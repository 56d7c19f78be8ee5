using System.Globalization;
using System.Text;
using CausalScript.Inference;
using CausalScript.Models;

namespace CausalScript.Data;

/// <summary>
/// A columnar, typed table: one column per variable, finite variables stored as codes (<c>int</c> indices into their
/// domain, so bools are 0/1 and labels are looked up in the domain) and real variables as <c>double</c>. Immutable.
/// Produced by the SCM sampler; consumed by estimators. Columns are exposed as spans, without copying.
/// </summary>
public sealed class Dataset
{
    private readonly Variable[] _variables;
    private readonly Dictionary<string, int> _index;
    private readonly Array[] _columns;

    private Dataset(Variable[] variables, Array[] columns, int rows)
    {
        _variables = variables;
        _columns = columns;
        RowCount = rows;
        _index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < variables.Length; i++)
            if (!_index.TryAdd(variables[i].Name, i)) throw new DataException($"Column '{variables[i].Name}' appears twice.", variables[i].Name);
    }

    /// <summary>Builds a dataset from columns: <c>int[]</c> codes for finite variables, <c>double[]</c> for real ones.</summary>
    /// <param name="columns">(variable, column) pairs, all of the same length.</param>
    /// <returns>The dataset (the arrays are copied).</returns>
    /// <exception cref="DataException">A column of the wrong type or length, a code outside the domain, or NaN.</exception>
    public static Dataset FromColumns(params IEnumerable<(Variable Variable, Array Column)> columns)
    {
        var list = columns.ToArray();
        var rows = list.Length == 0 ? 0 : list[0].Column.Length;
        foreach (var (v, column) in list)
        {
            if (column.Length != rows)
                throw new DataException($"Column '{v.Name}' has {column.Length} rows; the first column has {rows}.", v.Name);
            switch (column)
            {
                case int[] codes when v.Domain.IsFinite:
                    for (var r = 0; r < codes.Length; r++)
                        if (codes[r] < 0 || codes[r] >= v.Size)
                            throw new DataException($"Row {r} of column '{v.Name}' holds code {codes[r]}, outside its domain {v.Domain} (codes 0..{v.Size - 1}).", v.Name, r);
                    break;
                case double[] values when !v.Domain.IsFinite:
                    for (var r = 0; r < values.Length; r++)
                        if (!double.IsFinite(values[r]))
                            throw new DataException($"Row {r} of column '{v.Name}' is {values[r]}; drop or impute such rows explicitly.", v.Name, r);
                    break;
                default:
                    throw new DataException(
                        $"Column '{v.Name}' is a {column.GetType().Name}, but a {(v.Domain.IsFinite ? "finite variable needs int[] codes" : "real variable needs double[]")}.", v.Name);
            }
        }
        return new Dataset(list.Select(c => c.Variable).ToArray(), list.Select(c => (Array)c.Column.Clone()).ToArray(), rows);
    }

    /// <summary>Wraps columns without copying or checking (the sampler's output).</summary>
    internal static Dataset Wrap(Variable[] variables, Array[] columns, int rows) => new(variables, columns, rows);

    /// <summary>The number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns' variables, in order.</summary>
    public IReadOnlyList<Variable> Variables => _variables;

    /// <summary>True if there is a column for this variable name.</summary>
    /// <param name="name">A variable name.</param>
    public bool Contains(string name) => _index.ContainsKey(name);

    /// <summary>The variable of a column, by name.</summary>
    /// <param name="name">A column name.</param>
    public Variable this[string name] => _variables[Column(name)];

    private int Column(string name)
    {
        if (_index.TryGetValue(name, out var i)) return i;
        var hint = NameSuggestion.Closest(name, _index.Keys);
        throw new DataException($"The dataset has no column '{name}'" + (hint is null ? "." : $". Did you mean '{hint}'?"), name);
    }

    /// <summary>The codes of a finite variable's column (indices into its domain).</summary>
    /// <param name="variable">A finite variable.</param>
    public ReadOnlySpan<int> Codes(Variable variable) =>
        _columns[Column(variable.Name)] as int[] ?? throw new DataException($"Column '{variable.Name}' is real-valued; it has no codes.", variable.Name);

    /// <summary>The values of a real variable's column.</summary>
    /// <param name="variable">A real variable.</param>
    public ReadOnlySpan<double> Reals(Variable variable) =>
        _columns[Column(variable.Name)] as double[] ?? throw new DataException($"Column '{variable.Name}' is finite; read its Codes or Numeric values.", variable.Name);

    /// <summary>A column as numbers: reals as they are, bools as 0/1, integers as their values, categories as codes.</summary>
    /// <param name="variable">A variable of the dataset.</param>
    /// <returns>A new array.</returns>
    public double[] Numeric(Variable variable)
    {
        var column = _columns[Column(variable.Name)];
        if (column is double[] reals) return (double[])reals.Clone();
        var codes = (int[])column;
        var offset = variable.Domain.Kind == DomainKind.IntegerRange ? variable.Domain.Minimum : 0;
        var result = new double[codes.Length];
        for (var i = 0; i < codes.Length; i++) result[i] = codes[i] + offset;
        return result;
    }

    /// <summary>The value of one cell as a .NET value (bool, int, string label, double).</summary>
    /// <param name="row">The row.</param>
    /// <param name="variable">The column.</param>
    public object Value(int row, Variable variable)
    {
        var column = _columns[Column(variable.Name)];
        return column is double[] reals ? reals[row] : variable.Domain.ValueAt(((int[])column)[row]);
    }

    /// <summary>The mean of a column's numeric values.</summary>
    /// <param name="variable">A numeric variable.</param>
    public double Mean(Variable variable)
    {
        var values = Numeric(variable);
        return values.Length == 0 ? double.NaN : values.Average();
    }

    /// <summary>The number of rows matching all the assignments.</summary>
    /// <param name="assignments">Finite-variable assignments.</param>
    public int Count(params IEnumerable<Assignment> assignments)
    {
        var conditions = assignments.Select(a => (Codes: _columns[Column(a.Variable.Name)] as int[]
            ?? throw new DataException($"Column '{a.Variable.Name}' is real-valued; counts need finite variables.", a.Variable.Name), a.Index)).ToArray();
        var count = 0;
        for (var r = 0; r < RowCount; r++)
        {
            var match = true;
            foreach (var (codes, index) in conditions)
                if (codes[r] != index) { match = false; break; }
            if (match) count++;
        }
        return count;
    }

    /// <summary>The empirical joint distribution of finite variables (relative frequencies).</summary>
    /// <param name="variables">Finite variables of the dataset.</param>
    /// <returns>A factor over the variables, summing to 1.</returns>
    public Factor<double> Frequencies(params IEnumerable<Variable> variables)
    {
        var vars = variables.ToArray();
        var columns = vars.Select(v => _columns[Column(v.Name)] as int[]
            ?? throw new DataException($"Column '{v.Name}' is real-valued; frequencies need finite variables.", v.Name)).ToArray();
        if (RowCount == 0) throw new DataException("The dataset has no rows, so it has no frequencies.");
        var size = vars.Aggregate(1, (acc, v) => checked(acc * v.Size));
        var counts = new double[size];
        for (var r = 0; r < RowCount; r++)
        {
            var cell = 0;
            for (var k = 0; k < vars.Length; k++) cell = cell * vars[k].Size + columns[k][r];
            counts[cell]++;
        }
        for (var i = 0; i < size; i++) counts[i] /= RowCount;
        return Factor<double>.Create(vars, counts);
    }

    /// <summary>The rows whose finite columns match all assignments (a new dataset).</summary>
    /// <param name="assignments">Finite-variable assignments.</param>
    public Dataset Where(params IEnumerable<Assignment> assignments)
    {
        var conditions = assignments.Select(a => (Codes: _columns[Column(a.Variable.Name)] as int[]
            ?? throw new DataException($"Column '{a.Variable.Name}' is real-valued; Where needs finite variables.", a.Variable.Name), a.Index)).ToArray();
        var keep = new List<int>();
        for (var r = 0; r < RowCount; r++)
            if (conditions.All(c => c.Codes[r] == c.Index)) keep.Add(r);
        return Select(keep);
    }

    internal Dataset Select(IReadOnlyList<int> rows)
    {
        var columns = _columns.Select(c => c switch
        {
            int[] codes => (Array)rows.Select(r => codes[r]).ToArray(),
            double[] reals => rows.Select(r => reals[r]).ToArray(),
            _ => throw new InvalidOperationException(),
        }).ToArray();
        return new Dataset(_variables, columns, rows.Count);
    }

    /// <summary>Writes the table as RFC 4180 CSV with a header: labels for categorical variables, true/false for
    /// bools, integers, and reals in round-trip invariant format.</summary>
    /// <param name="writer">The destination.</param>
    public void WriteCsv(TextWriter writer)
    {
        writer.WriteLine(string.Join(",", _variables.Select(v => Quote(v.Name))));
        var line = new StringBuilder();
        for (var r = 0; r < RowCount; r++)
        {
            line.Clear();
            for (var c = 0; c < _columns.Length; c++)
            {
                if (c > 0) line.Append(',');
                if (_columns[c] is double[] reals) line.Append(reals[r].ToString("R", CultureInfo.InvariantCulture));
                else
                {
                    var v = _variables[c];
                    var code = ((int[])_columns[c])[r];
                    line.Append(v.Domain.Kind switch
                    {
                        DomainKind.Bool => code == 1 ? "true" : "false",
                        DomainKind.IntegerRange => (v.Domain.Minimum + code).ToString(CultureInfo.InvariantCulture),
                        _ => Quote(v.Domain.Labels[code]),
                    });
                }
            }
            writer.WriteLine(line);
        }
    }

    /// <summary>Writes the table as CSV to a file (see <see cref="WriteCsv(TextWriter)"/>).</summary>
    /// <param name="path">The file path.</param>
    public void WriteCsv(string path)
    {
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false));
        WriteCsv(writer);
    }

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 || s != s.Trim() ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;

    /// <summary>"Dataset: 1000 rows × 3 columns (S, T, C)".</summary>
    public override string ToString() =>
        $"Dataset: {RowCount} rows × {_variables.Length} columns ({string.Join(", ", _variables.Select(v => v.Name))})";
}
