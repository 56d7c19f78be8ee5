// BenchmarkDotNet entry point; `--describe`, `--search-dense`, `--sweep`, `--compact`, `--scm` and `--id` run the helper tools
// instead (Tools.cs, ScmTools.cs, IdTools.cs).
if (CausalScript.Benchmarks.Tools.Run(args)) return;
BenchmarkDotNet.Running.BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);

/// <summary>The entry point.</summary>
public partial class Program { }
