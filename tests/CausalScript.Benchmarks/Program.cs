// BenchmarkDotNet entry point; `--describe`, `--search-dense` and `--sweep` run the helper tools instead (Tools.cs).
if (CausalScript.Benchmarks.Tools.Run(args)) return;
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The entry point.</summary>
public partial class Program { }
