/// The literate examples are documentation that must run: each is executed with `dotnet fsi` and its output checked.
module CausalScript.Tests.Examples

open System
open System.Diagnostics
open System.IO
open Expecto

/// The repository root: the first ancestor of the test binary that holds CausalScript.sln.
let repositoryRoot =
    let rec up (dir: DirectoryInfo | null) =
        match dir with
        | null -> failwith "CausalScript.sln not found above the test binary"
        | d when File.Exists(Path.Combine(d.FullName, "CausalScript.sln")) -> d.FullName
        | d -> up d.Parent
    up (DirectoryInfo AppContext.BaseDirectory)

/// Runs `dotnet fsi script` from the repository root; returns exit code and combined output.
let runScript (relativePath: string) =
    let psi = ProcessStartInfo("dotnet", $"fsi --quiet --exec {relativePath}")
    psi.WorkingDirectory <- repositoryRoot
    psi.RedirectStandardOutput <- true
    psi.RedirectStandardError <- true
    psi.UseShellExecute <- false
    use p =
        match Process.Start psi with
        | null -> failwith "could not start dotnet"
        | p -> p
    let stdout = p.StandardOutput.ReadToEndAsync()
    let stderr = p.StandardError.ReadToEndAsync()
    if not (p.WaitForExit(TimeSpan.FromMinutes 3.0)) then
        p.Kill true
        failwithf "%s did not finish within 3 minutes" relativePath
    p.ExitCode, stdout.Result + stderr.Result

let private requireReleaseBuild () =
    let dll = Path.Combine(repositoryRoot, "src", "CausalScript.FSharp", "bin", "Release", "net10.0", "CausalScript.FSharp.dll")
    if not (File.Exists dll) then
        failtestf "Examples reference the Release build; run the tests with -c Release (missing %s)" dll

[<Tests>]
let tests =
    testList "Examples" [
        testCase "quickstart.fsx runs and prints Pearl's Fig. 3.4 adjustment sets, d-separation facts and renderings" <| fun () ->
            requireReleaseBuild ()
            let code, output = runScript "examples/quickstart.fsx"
            Expect.equal code 0 $"quickstart.fsx failed:\n{output}"
            for expected in [
                "{x3, x4}"; "{x4, x5}"; "{x1, x4}"; "{x2, x4}"       // Pearl (2009) names {x3,x4} and {x4,x5}
                "Optimal set:   {x4, x5}"
                "{x4} is not valid: The non-causal path"
                "x1 _||_ x2            : true"
                "x1 _||_ x2 | x4       : false"
                "Adjustment sets: none"
                "Front-door set:  {tar}"
                "smoking -> tar; tar -> cancer; smoking <-> cancer"
                "flowchart TD"
                "digraph G {" ] do
                Expect.stringContains output expected "quickstart output"

        // Each model example with the lines its output must contain; expected numbers come from the literature or
        // the hand derivations in the comments.
        for script, expectedLines in [
            "firing-squad.fsx",
            [ "P(Dead | do(A hold))  = 3/5"                              // = P(court order)
              "P(Dead had A not shot | Dead) = 5/6"                      // 0.6 / (0.6 + 0.4·0.3)
              "PN = 0.1667  PS = 1.0000  PNS = 0.4000"                   // PN = 0.4·0.3/0.72, PNS = P(no order)
              "Observed graph: Captain -> A; Captain -> B; A -> Dead; B -> Dead" ]
            "simpsons-paradox.fsx",
            [ "P(Buy | Recommender = A)            = 1/20"                // 50/1000
              "P(Buy | Recommender = B)            = 27/500"              // 54/1000
              "P(Buy | Recommender = A, low  income) = 1/40"
              "P(Buy | Recommender = B, high income) = 1/16"
              "[set [\"Income\"]]"
              "P(Buy | do(Recommender = A))        = 13/240"              // 0.3/40 + 0.7/15
              "P(Buy | do(Recommender = B))        = 199/4000" ]          // 0.3/50 + 0.7/16
            "smoking.fsx",
            [ "Graph: S -> T; T -> C; S <-> C"                            // string-diagrams.md §2.4
              "Back-door adjustment sets: []"
              "Front-door sets: [set [\"T\"]]"
              "S = no   P(C = yes | S) = 1/5   P(C = yes | do(S)) = 29/100"
              "S = yes  P(C = yes | S) = 7/10   P(C = yes | do(S)) = 61/100"
              "S = no, T = low, C = no : 189/500"
              "S = yes, T = high, C = yes : 333/1000"
              "Dataset: 50000 rows × 3 columns (S, T, C)" ]
            "identification.fsx",
            [ "sum_{Z} P(Y | X, Z) P(Z)"                                   // adjustment (E1)
              "\\sum_{t} P(t \\mid s) \\sum_{s'} P(c \\mid s', t) P(s')"     // the front-door formula
              "[sum_{W1} P(W1) P(X | W1, W2) P(Y | W1, W2, X)] / [sum_{W1} P(W1) P(X | W1, W2)]"   // napkin, E3 raw form
              "napkin estimand vs truth on 3 random models: 0 mismatching cells"
              "Hedge F = {X, Y}, F′ = {Y}, R = {Y}"                         // E4
              "Hedge F = {W, X, Y}, F′ = {W, Y}, R = {Y}"                   // E6
              "C = true, S = false : 29/100"                                // string-diagrams.md §2.4
              "C = true, S = true : 61/100"
              "[sum_{Z} P(Z) P(Y | X, Z) P(X' | Z)] / [sum_{Z} P(Z) P(X' | Z)]"   // K3: Σ_z P(y|x,z) P(z|x′)
              "has X = 1 in a subscript and X = 0 in its events" ]          // K2: line 8 fails
            "smoking-string-diagrams.fsx",
            [ "Diagram: I → S ⊗ T ⊗ C"                                     // string-diagrams.md §2.4, H discarded
              "After the cut: H, uniform S, T, C"
              "seeing: P(C = yes | S = no) = 1/5"
              "seeing: P(C = yes | S = yes) = 7/10"
              "by do:   P(C = yes | do(S = no)) = 29/100"
              "by do:   P(C = yes | do(S = yes)) = 61/100"
              "by cut:  ω′(S = no) = 1/2, P(C = yes | do(S = no)) = 29/100"   // ω′(s, c) / ω′(s)
              "by cut:  ω′(S = yes) = 1/2, P(C = yes | do(S = yes)) = 61/100"
              "by open: S → C, P(C = yes | do(S = no)) = 29/100"
              "by open: S → C, P(C = yes | do(S = yes)) = 61/100"
              "equal to copy then id ⊗ t: true"
              "equal to the model's diagram: true" ] ] do
            testCase $"{script} runs and prints its textbook values" <| fun () ->
                requireReleaseBuild ()
                let code, output = runScript $"examples/{script}"
                Expect.equal code 0 $"{script} failed:\n{output}"
                for expected in expectedLines do
                    Expect.stringContains output expected $"{script} output"

        testCase "docs/img string-diagram drawings are what scripts/render-diagrams.fsx draws now" <| fun () ->
            requireReleaseBuild ()
            let folder = Path.Combine(Path.GetTempPath(), $"causalscript-render-{Guid.NewGuid():N}")
            try
                let code, output = runScript $"scripts/render-diagrams.fsx \"{folder}\""
                Expect.equal code 0 $"render-diagrams.fsx failed:\n{output}"
                for file in [ "smoking-diagram.svg"; "smoking-diagram-cut.svg" ] do
                    let read (path: string) = File.ReadAllText(path).Replace("\r\n", "\n")
                    Expect.equal (read (Path.Combine(folder, file))) (read (Path.Combine(repositoryRoot, "docs", "img", file)))
                        $"docs/img/{file} is stale: run dotnet fsi scripts/render-diagrams.fsx"
            finally
                if Directory.Exists folder then Directory.Delete(folder, true)
    ]
