using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace CausalScript.Benchmarks;

/// <summary><see cref="BenchConfig"/> (same job, memory diagnoser, median and "Result" columns) plus two columns for
/// the sampling benchmarks: throughput in variable-draws per second, and the bytes allocated per operation beyond
/// the output columns themselves.</summary>
public sealed class ScmBenchConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public ScmBenchConfig()
    {
        Add(new BenchConfig());
        AddColumn(new ThroughputColumn(), new AllocationBeyondOutputColumn());
    }
}

/// <summary>A benchmark whose operation produces a known number of items into a known number of output bytes.</summary>
public interface IThroughput
{
    /// <summary>Items (variable-draws: rows × variables) produced by one call of the method.</summary>
    /// <param name="method">The benchmark method name.</param>
    long ItemsPerOperation(string method);

    /// <summary>Bytes of the result itself (the output columns), which every call must allocate.</summary>
    /// <param name="method">The benchmark method name.</param>
    long OutputBytes(string method);
}

/// <summary>Shared plumbing of the two columns: an instance of the benchmark class with the case's parameters.</summary>
public abstract class ScmColumn : IColumn
{
    /// <inheritdoc />
    public abstract string Id { get; }
    /// <inheritdoc />
    public abstract string ColumnName { get; }
    /// <inheritdoc />
    public abstract string Legend { get; }
    /// <inheritdoc />
    public bool AlwaysShow => true;
    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;
    /// <inheritdoc />
    public int PriorityInCategory => 1;
    /// <inheritdoc />
    public bool IsNumeric => true;
    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;
    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;
    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var instance = Activator.CreateInstance(benchmarkCase.Descriptor.Type)!;
        foreach (var p in benchmarkCase.Parameters.Items)
            benchmarkCase.Descriptor.Type.GetField(p.Name)?.SetValue(instance, p.Value);
        var report = summary[benchmarkCase];
        return instance is IThroughput t && report is not null ? Value(t, benchmarkCase.Descriptor.WorkloadMethod.Name, report) ?? "-" : "-";
    }

    /// <summary>The cell, or null when it does not apply.</summary>
    protected abstract string? Value(IThroughput benchmark, string method, BenchmarkReport report);
}

/// <summary>Variable-draws per second: rows × variables / mean time.</summary>
public sealed class ThroughputColumn : ScmColumn
{
    /// <inheritdoc />
    public override string Id => nameof(ThroughputColumn);
    /// <inheritdoc />
    public override string ColumnName => "Draws/s";
    /// <inheritdoc />
    public override string Legend => "Variable-draws per second: rows × variables / Mean (millions, M)";

    /// <inheritdoc />
    protected override string? Value(IThroughput benchmark, string method, BenchmarkReport report)
    {
        var items = benchmark.ItemsPerOperation(method);
        var mean = report.ResultStatistics?.Mean;
        return items > 0 && mean is > 0 ? $"{items / (mean.Value * 1e-9) / 1e6:F1} M" : null;
    }
}

/// <summary>Allocated bytes per operation minus the output columns: what the sampler allocates for itself.</summary>
public sealed class AllocationBeyondOutputColumn : ScmColumn
{
    /// <inheritdoc />
    public override string Id => nameof(AllocationBeyondOutputColumn);
    /// <inheritdoc />
    public override string ColumnName => "Beyond output";
    /// <inheritdoc />
    public override string Legend => "Allocated bytes per operation minus the output columns (rows × variables × 8 B)";

    /// <inheritdoc />
    protected override string? Value(IThroughput benchmark, string method, BenchmarkReport report)
    {
        var output = benchmark.OutputBytes(method);
        var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
        return output > 0 && allocated is { } a ? $"{(a - output) / 1024.0:N1} KB" : null;
    }
}
