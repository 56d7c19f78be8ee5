using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CausalScript.Benchmarks;

/// <summary>Shared configuration: memory diagnoser, median column, and a "Result" column that says what one call
/// produced (number of sets enumerated, set size, verdict), computed in the host from the same seeded workloads.
/// The default job is BenchmarkDotNet's default with the iteration count capped at 15–30 (instead of up to 100), so a
/// full run on a busy 2-core machine stays around 10 minutes; it is marked AsDefault, so <c>--job short</c> (or any
/// job given on the command line) replaces it.</summary>
public sealed class BenchConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public BenchConfig()
    {
        AddJob(Job.Default.WithMinIterationCount(15).WithMaxIterationCount(30).WithId("Capped").AsDefault());
        AddDiagnoser(MemoryDiagnoser.Default);
        AddColumn(StatisticColumn.Median);
        AddColumn(new ResultColumn());
    }
}

/// <summary>What one invocation of the benchmark computes, e.g. "439 sets".</summary>
public sealed class ResultColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(ResultColumn);
    /// <inheritdoc />
    public string ColumnName => "Result";
    /// <inheritdoc />
    public bool AlwaysShow => true;
    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc />
    public int PriorityInCategory => 0;
    /// <inheritdoc />
    public bool IsNumeric => false;
    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc />
    public string Legend => "What one call returns: minimal sets enumerated, set size, verdict or number of statements";
    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => Describe(benchmarkCase);
    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => Describe(benchmarkCase);
    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    private static string Describe(BenchmarkCase c)
    {
        var instance = Activator.CreateInstance(c.Descriptor.Type)!;
        foreach (var p in c.Parameters.Items)
            c.Descriptor.Type.GetField(p.Name)?.SetValue(instance, p.Value);
        return instance is IDescribed d ? d.Describe(c.Descriptor.WorkloadMethod.Name) : "";
    }
}

/// <summary>A benchmark class that can say what each of its methods returns for its current parameters.</summary>
public interface IDescribed
{
    /// <summary>Describes the result of the given benchmark method.</summary>
    /// <param name="method">The benchmark method name.</param>
    /// <returns>A short description.</returns>
    string Describe(string method);
}
