module Main

open System
open System.Reflection
open Expecto
open Expecto.Impl

/// The Expecto tests exposed by the C# API-shape project (tests/CausalScript.Tests.CSharp): every public static
/// property or field of type Expecto.Test, e.g. `CausalScript.Tests.CSharp.ApiTests.All`. They are found by
/// reflection so this runner builds whether or not that project defines any yet.
let csharpTests () : Test list =
    let assembly =
        try Some(Assembly.Load "CausalScript.Tests.CSharp")
        with _ -> None
    match assembly with
    | None -> []
    | Some a ->
        let flags = BindingFlags.Public ||| BindingFlags.Static
        [ for t in a.GetExportedTypes() do
            for p in t.GetProperties flags do
                if typeof<Test>.IsAssignableFrom p.PropertyType && p.GetIndexParameters().Length = 0 then
                    match p.GetValue null with
                    | :? Test as test -> yield test
                    | _ -> ()
            for f in t.GetFields flags do
                if typeof<Test>.IsAssignableFrom f.FieldType then
                    match f.GetValue null with
                    | :? Test as test -> yield test
                    | _ -> () ]

[<EntryPoint>]
let main argv =
    let fsharp = testFromThisAssembly () |> Option.defaultValue (TestList([], Normal))
    // C# API-shape tests (CausalScript.Tests.CSharp.ApiTests.All) run through the same runner.
    let all = testList "CausalScript" [ fsharp; yield! csharpTests () ]
    let mutable summary: TestRunSummary option = None
    let record = CLIArguments.Append_Summary_Handler(SummaryHandler(fun s -> summary <- Some s))
    let code = runTestsWithCLIArgs [ record ] argv all
    Console.Out.Flush()
    Console.Error.Flush()
    let passed, failed =
        match summary with
        | Some s -> s.passed.Length, s.failed.Length + s.errored.Length
        | None -> 0, 0
    // The very last line: plain counts of test cases (errored cases count as failed). Expecto's console writer
    // prefixes every write with an ANSI reset, so the line goes straight to the standard output stream; a newline
    // first ends any unterminated line Expecto left behind.
    let line = Text.Encoding.UTF8.GetBytes(sprintf "\n%d passed, %d failed\n" passed failed)
    use stdout = Console.OpenStandardOutput()
    stdout.Write(line, 0, line.Length)
    stdout.Flush()
    if failed > 0 && code = 0 then 1 else code
