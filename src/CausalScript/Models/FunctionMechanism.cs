using System.Collections.Concurrent;
using CausalScript.Inference;

namespace CausalScript.Models;

public abstract partial class Mechanism
{
    /// <summary>A deterministic function of no parents (a constant computed once per row, e.g. from a closure).</summary>
    /// <typeparam name="TOut">bool, int, string (label) or double, matching the variable's domain.</typeparam>
    /// <param name="function">The function.</param>
    public static Mechanism Function<TOut>(Func<TOut> function) =>
        FunctionMechanism.Typed<TOut>([], (read, write) => _ => write(function()));

    /// <summary>A deterministic function of one parent, e.g. <c>Mechanism.Function(U, (bool u) =&gt; u)</c>. Parents
    /// are read as bool (bool variables), int (integer ranges, or codes of other finite variables), string
    /// (labels) or double (real, bool and integer variables); the result must lie in the variable's domain.</summary>
    /// <typeparam name="T1">The type the parent is read as.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="p1">The parent.</param>
    /// <param name="function">The function.</param>
    public static Mechanism Function<T1, TOut>(Variable p1, Func<T1, TOut> function) =>
        FunctionMechanism.Typed<TOut>([p1], (read, write) =>
        {
            var r1 = read.Get<T1>(0);
            return c => write(function(r1(c[0])));
        });

    /// <summary>A deterministic function of two parents (see <see cref="Function{T1, TOut}"/> for the types).</summary>
    /// <typeparam name="T1">The type of the first parent.</typeparam>
    /// <typeparam name="T2">The type of the second parent.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="p1">First parent.</param>
    /// <param name="p2">Second parent.</param>
    /// <param name="function">The function.</param>
    public static Mechanism Function<T1, T2, TOut>(Variable p1, Variable p2, Func<T1, T2, TOut> function) =>
        FunctionMechanism.Typed<TOut>([p1, p2], (read, write) =>
        {
            var (r1, r2) = (read.Get<T1>(0), read.Get<T2>(1));
            return c => write(function(r1(c[0]), r2(c[1])));
        });

    /// <summary>A deterministic function of three parents (see <see cref="Function{T1, TOut}"/> for the types).</summary>
    /// <typeparam name="T1">The type of the first parent.</typeparam>
    /// <typeparam name="T2">The type of the second parent.</typeparam>
    /// <typeparam name="T3">The type of the third parent.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="p1">First parent.</param>
    /// <param name="p2">Second parent.</param>
    /// <param name="p3">Third parent.</param>
    /// <param name="function">The function.</param>
    public static Mechanism Function<T1, T2, T3, TOut>(Variable p1, Variable p2, Variable p3, Func<T1, T2, T3, TOut> function) =>
        FunctionMechanism.Typed<TOut>([p1, p2, p3], (read, write) =>
        {
            var (r1, r2, r3) = (read.Get<T1>(0), read.Get<T2>(1), read.Get<T3>(2));
            return c => write(function(r1(c[0]), r2(c[1]), r3(c[2])));
        });

    /// <summary>A deterministic function of four parents (see <see cref="Function{T1, TOut}"/> for the types).</summary>
    /// <typeparam name="T1">The type of the first parent.</typeparam>
    /// <typeparam name="T2">The type of the second parent.</typeparam>
    /// <typeparam name="T3">The type of the third parent.</typeparam>
    /// <typeparam name="T4">The type of the fourth parent.</typeparam>
    /// <typeparam name="TOut">The result type.</typeparam>
    /// <param name="p1">First parent.</param>
    /// <param name="p2">Second parent.</param>
    /// <param name="p3">Third parent.</param>
    /// <param name="p4">Fourth parent.</param>
    /// <param name="function">The function.</param>
    public static Mechanism Function<T1, T2, T3, T4, TOut>(Variable p1, Variable p2, Variable p3, Variable p4, Func<T1, T2, T3, T4, TOut> function) =>
        FunctionMechanism.Typed<TOut>([p1, p2, p3, p4], (read, write) =>
        {
            var (r1, r2, r3, r4) = (read.Get<T1>(0), read.Get<T2>(1), read.Get<T3>(2), read.Get<T4>(3));
            return c => write(function(r1(c[0]), r2(c[1]), r3(c[2]), r4(c[3])));
        });

    /// <summary>A deterministic function of any number of parents, on their values as .NET objects (bool, int,
    /// string label, double), returning a value of the variable's domain. Convenient but boxes: prefer the typed
    /// overloads or <see cref="NumericFunction"/> in hot loops.</summary>
    /// <param name="parents">The parents.</param>
    /// <param name="function">Receives the parents' values in order.</param>
    public static Mechanism Function(IEnumerable<Variable> parents, Func<IReadOnlyList<object>, object> function)
    {
        var pa = parents.ToArray();
        return FunctionMechanism.Typed<object>(pa, (read, write) =>
        {
            var readers = pa.Select((_, i) => read.Get<object>(i)).ToArray();
            return c =>
            {
                var values = new object[readers.Length];
                for (var i = 0; i < values.Length; i++) values[i] = readers[i](c[i]);
                return write(function(values));
            };
        });
    }

    /// <summary>A deterministic function on the parents' numeric values (bool 0/1, integers, reals, category codes),
    /// returning the variable's numeric value. The argument buffer is reused: do not keep it.</summary>
    /// <param name="parents">The parents.</param>
    /// <param name="function">Receives the parents' numeric values in order.</param>
    public static Mechanism NumericFunction(IEnumerable<Variable> parents, Func<double[], double> function)
    {
        var pa = parents.ToArray();
        return FunctionMechanism.Typed<double>(pa, (read, write) =>
        {
            var offsets = pa.Select(ValueCodec.NumericOffset).ToArray();
            var buffer = new ThreadLocal<double[]>(() => new double[pa.Length]);
            return c =>
            {
                var values = buffer.Value!;
                for (var i = 0; i < values.Length; i++) values[i] = c[i] + offsets[i];
                return write(function(values));
            };
        }, numericOut: true);
    }
}

/// <summary>Reads the parents of a function mechanism as typed .NET values.</summary>
internal sealed class ParentReaders(IReadOnlyList<Variable> parents, Variable child)
{
    public Func<double, T> Get<T>(int i) => ValueCodec.Reader<T>(parents[i], child);
}

/// <summary>
/// A deterministic function of the parents: X := f(pa). Noise enters as explicit (latent) parents, which makes the
/// model a full SCM: counterfactuals are determined, and exact for finite noise.
/// </summary>
internal sealed class FunctionMechanism : Mechanism
{
    /// <summary>Builds the row evaluator for a child: parent codes in, child code out (NaN marks an invalid result).</summary>
    private readonly Func<Variable, Func<double[], double>> _bind;
    // Keyed by name and domain: a mechanism object may define same-named variables of different models.
    private readonly ConcurrentDictionary<(string Name, Domain Domain), Func<double[], double>> _bound = new();

    private FunctionMechanism(IEnumerable<Variable> parents, Func<Variable, Func<double[], double>> bind) : base(parents) => _bind = bind;

    /// <summary>A function whose result is written through the child's typed writer; an invalid result raises a
    /// <see cref="ModelException"/> naming the child, the value and the parents' values.</summary>
    public static FunctionMechanism Typed<TOut>(Variable[] parents, Func<ParentReaders, Func<TOut, double>, Func<double[], double>> make, bool numericOut = false)
    {
        FunctionMechanism? self = null;
        self = new FunctionMechanism(parents, child =>
        {
            var write = numericOut && child.Domain.Kind == DomainKind.Categorical
                ? (Func<TOut, double>)(object)(Func<double, double>)(d => d >= 0 && d < child.Size && d == Math.Floor(d) ? d : double.NaN)
                : ValueCodec.Writer<TOut>(child);
            Func<TOut, double> checkedWrite = value =>
            {
                var code = write(value);
                if (double.IsNaN(code)) throw self!.Invalid(child, value);
                return code;
            };
            return make(new ParentReaders(parents, child), checkedWrite);
        });
        return self;
    }

    [ThreadStatic] private static double[]? _currentRow;

    private ModelException Invalid(Variable child, object? value)
    {
        var row = _currentRow;
        var at = row is null ? "" : $" at ({ValueCodec.DescribeRow(Parents, i => row[i])})";
        var what = value is double d && double.IsNaN(d) ? "NaN" : ValueCodec.Describe(value);
        var problem = child.Domain.IsFinite ? $"outside its domain {child.Domain}" : "not a finite number";
        return new ModelException($"The mechanism of '{child.Name}' returned {what}{at}, which is {problem}.", child.Name);
    }

    public override MechanismKind Kind => MechanismKind.Function;

    internal override bool HasNoise => false;

    internal override NoiseSpecification NoiseKind => NoiseSpecification.None;

    public override string Describe(Variable child) => $"{child.Name} := f({string.Join(", ", Parents.Select(p => p.Name))})";

    private Func<double[], double> Evaluator(Variable child) => _bound.GetOrAdd((child.Name, child.Domain), _ => _bind(child));

    internal override void Bind(Variable child) => Evaluator(child);

    internal override void DrawNoise(Random random, double[] noise) { }

    internal override void Compute(Variable child, in Columns parents, ReadOnlySpan<double> noise, Span<double> output)
    {
        var f = Evaluator(child);
        var row = new double[parents.Count];
        var real = !child.Domain.IsFinite;
        try
        {
            _currentRow = row;
            for (var i = 0; i < output.Length; i++)
            {
                for (var p = 0; p < row.Length; p++) row[p] = parents.At(p, i);
                var value = f(row);
                if (real && !double.IsFinite(value)) throw Invalid(child, value);
                output[i] = value;
            }
        }
        finally { _currentRow = null; }
    }

    internal override double[] Table(Variable child) => IndicatorTable(child, 0.0, 1.0);

    internal override Rational[] ExactTable(Variable child) => IndicatorTable(child, Rational.Zero, Rational.One);

    internal override void Abduct(Variable child, in Columns parents, ReadOnlySpan<double> observed, Span<double> noise)
    {
        var predicted = new double[observed.Length];
        Compute(child, parents, noise, predicted);
        for (var i = 0; i < observed.Length; i++)
            if (predicted[i] != observed[i])
            {
                var values = new double[parents.Count];
                for (var p = 0; p < values.Length; p++) values[p] = parents.At(p, i);
                throw new ModelException(
                    $"Unit {i}: '{child.Name}' is observed as {ValueCodec.Describe(ValueCodec.ToObject(child, observed[i]))}, but its deterministic " +
                    $"mechanism gives {ValueCodec.Describe(ValueCodec.ToObject(child, predicted[i]))} at ({ValueCodec.DescribeRow(Parents, p => values[p])}).", child.Name);
            }
    }
}
