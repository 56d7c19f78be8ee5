using CausalScript.Inference;

namespace CausalScript.Models;

/// <summary>What a mechanism is, for display and for deciding which queries it supports.</summary>
public enum MechanismKind
{
    /// <summary>A conditional probability table P(X | parents) (a causal Bayesian network).</summary>
    Table,
    /// <summary>A root drawn from a noise distribution (an exogenous variable, or a stochastic intervention).</summary>
    Exogenous,
    /// <summary>A deterministic function of the parents (which may include noise variables).</summary>
    Function,
    /// <summary>x = f(parents) + ε: linear, random-Fourier-feature, or any function plus noise.</summary>
    AdditiveNoise,
    /// <summary>A binary variable with P(X = 1 | pa) = link(η), read as the threshold model 1[η + ε &gt; 0].</summary>
    BinaryLink,
    /// <summary>A constant: the result of a hard intervention do(X = x).</summary>
    Constant,
    /// <summary>A shift intervention X := g(X) applied to the original mechanism's output.</summary>
    Shift,
}

/// <summary>
/// How a variable is computed from its parents: the building block of an <see cref="Scm"/>. Mechanisms are
/// immutable and independent of the variable they define (the model binds them). Each has a row-chunk evaluation
/// used by the vectorised sampler (noise is drawn separately from the computation, so counterfactual worlds can
/// share it) and, for finite variables, a conditional table used by exact inference. Build them with the static
/// factories: <see cref="Cpt(IEnumerable{Variable}, IEnumerable{double})"/>, <see cref="Function{T1, TOut}"/>,
/// <see cref="Linear"/>, <see cref="Logistic"/>, <see cref="RandomFourierFeatures"/>, <see cref="Exogenous"/>.
/// </summary>
public abstract partial class Mechanism
{
    private readonly Variable[] _parents;

    private protected Mechanism(IEnumerable<Variable> parents)
    {
        _parents = parents.ToArray();
        var seen = new HashSet<Variable>();
        foreach (var p in _parents)
            if (!seen.Add(p)) throw new ModelException($"Parent '{p.Name}' is listed twice in a mechanism.", p.Name);
    }

    /// <summary>The variables this mechanism reads, in the order its function or table uses them.</summary>
    public IReadOnlyList<Variable> Parents => _parents;

    /// <summary>What kind of mechanism this is.</summary>
    public abstract MechanismKind Kind { get; }

    /// <summary>A one-line description with the child's name, e.g. "Y := 1 + 2·X + Normal(0, 1)".</summary>
    /// <param name="child">The variable the mechanism defines.</param>
    public abstract string Describe(Variable child);

    /// <summary>Checks that the mechanism fits its child (domain, parent kinds, table shape); throws a
    /// <see cref="ModelException"/> naming the child otherwise.</summary>
    internal abstract void Bind(Variable child);

    /// <summary>True if each row has its own noise term (drawn by <see cref="DrawNoise"/>).</summary>
    internal abstract bool HasNoise { get; }

    /// <summary>Draws the exogenous noise of a chunk of rows (one value per row).</summary>
    internal abstract void DrawNoise(Random random, double[] noise);

    /// <summary>Computes the child's column for a chunk of rows from the parents' columns and the noise.</summary>
    internal abstract void Compute(Variable child, in Columns parents, ReadOnlySpan<double> noise, Span<double> output);

    /// <summary>How the noise of this mechanism is specified, which decides what counterfactuals it supports.</summary>
    internal abstract NoiseSpecification NoiseKind { get; }

    /// <summary>P(child | parents) as a flat table over the parents' codes then the child's code (the last fastest).
    /// Only for a finite child with finite parents.</summary>
    internal abstract double[] Table(Variable child);

    /// <summary>The same table in exact rationals.</summary>
    internal abstract Rational[] ExactTable(Variable child);

    /// <summary>Recovers the noise of each row from the observed child and parents (unit-level abduction); only for
    /// mechanisms whose noise is a function of them (additive noise, exogenous roots, deterministic functions).</summary>
    internal virtual void Abduct(Variable child, in Columns parents, ReadOnlySpan<double> observed, Span<double> noise) =>
        throw new ModelException(
            $"The {Kind} mechanism of '{child.Name}' cannot recover a unit's noise from its observed values; unit-level " +
            "counterfactuals need additive-noise, exogenous or deterministic mechanisms. Use sampling with evidence instead.", child.Name);

    /// <inheritdoc/>
    public override string ToString() => $"{Kind} mechanism of ({string.Join(", ", _parents.Select(p => p.Name))})";

    private protected static void RequireFinite(Variable child, string what)
    {
        if (!child.Domain.IsFinite)
            throw new ModelException($"'{child.Name}' is continuous, but {what} defines a finite variable.", child.Name);
    }

    private protected void RequireFiniteParents(Variable child, string what)
    {
        foreach (var p in _parents)
            if (!p.Domain.IsFinite)
                throw new ModelException($"{what} of '{child.Name}' needs finite parents, but '{p.Name}' is continuous.", child.Name);
    }

    /// <summary>The number of joint configurations of the parents (all finite).</summary>
    private protected int ParentConfigurations => _parents.Aggregate(1, (acc, p) => checked(acc * p.Size));

    /// <summary>Columns holding every joint configuration of the (finite) parents' codes, in row-major order.</summary>
    private protected Columns EveryParentConfiguration()
    {
        var configs = ParentConfigurations;
        var columns = new double[_parents.Length][];
        for (var p = 0; p < _parents.Length; p++) columns[p] = new double[configs];
        for (var c = 0; c < configs; c++)
        {
            var rest = c;
            for (var p = _parents.Length - 1; p >= 0; p--)
            {
                columns[p][c] = rest % _parents[p].Size;
                rest /= _parents[p].Size;
            }
        }
        return new Columns(columns, 0, configs);
    }

    /// <summary>Evaluates a deterministic mechanism on every parent configuration into an indicator table.</summary>
    private protected T[] IndicatorTable<T>(Variable child, T zero, T one)
    {
        RequireFinite(child, "an exact table");
        RequireFiniteParents(child, "An exact table");
        var configs = ParentConfigurations;
        var output = new double[configs];
        Compute(child, EveryParentConfiguration(), new double[configs], output);
        var size = child.Size;
        var table = new T[configs * size];
        Array.Fill(table, zero);
        for (var c = 0; c < configs; c++) table[c * size + (int)output[c]] = one;
        return table;
    }
}

/// <summary>How a mechanism's noise is specified; decides which counterfactual methods apply.</summary>
internal enum NoiseSpecification
{
    /// <summary>No noise of its own: a deterministic function of the parents (or a constant).</summary>
    None,
    /// <summary>A root whose value is its own finite noise (a prior, or finite exogenous noise).</summary>
    FiniteRoot,
    /// <summary>A fully specified noise term (a continuous exogenous root, additive noise, a threshold model).</summary>
    Explicit,
    /// <summary>Only the conditional distribution is given (a CPT with parents): counterfactuals are not determined.</summary>
    DistributionOnly,
}

/// <summary>A view of the parents' columns over one chunk of rows; allocation-free.</summary>
internal readonly struct Columns(double[][] columns, int start, int count)
{
    /// <summary>The number of parent columns.</summary>
    public int Count => columns.Length;

    /// <summary>The number of rows in the chunk.</summary>
    public int Length => count;

    /// <summary>Parent <paramref name="p"/>'s values over the chunk.</summary>
    public ReadOnlySpan<double> this[int p] => columns[p].AsSpan(start, count);

    /// <summary>Parent <paramref name="p"/>'s value at row <paramref name="row"/> of the chunk.</summary>
    public double At(int p, int row) => columns[p][start + row];
}
