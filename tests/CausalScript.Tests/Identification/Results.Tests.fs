/// Identification results (src/CausalScript/Identification/Results.cs): Hedge.Check must reject each violated
/// condition of Shpitser & Pearl's definition (design §1.4 (a)–(e)), so that the hedge checks elsewhere can fail; the
/// derivation and result renderings; OrThrow.
module CausalScript.Tests.Identification.ResultsTests

open System
open System.Collections.Immutable
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Expressions.ExpressionTests
open CausalScript.Tests.Identification.IdTests

let private names (s: string list) = ImmutableSortedSet.CreateRange(StringComparer.Ordinal, s)
let private edges (s: (string * string) list) : Edge list = [ for a, b in s -> Edge(a, b, EdgeKind.Directed) ]

let private hedge f fp r forest primeForest = Hedge(names f, names fp, names r, edges forest, edges primeForest)

/// (name, graph, Y, X, hedge, None for valid or Some fragment of the failed condition)
let private cases =
    let e6 = "x -> w -> y; x <-> w; w <-> y"
    [ "E6, valid", e6, [ "y" ], [ "x" ], hedge [ "w"; "x"; "y" ] [ "w"; "y" ] [ "y" ] [ "x", "w"; "w", "y" ] [ "w", "y" ], None
      "(a) F′ = F", e6, [ "y" ], [ "x" ], hedge [ "w"; "x"; "y" ] [ "w"; "x"; "y" ] [ "y" ] [ "x", "w"; "w", "y" ] [ "x", "w"; "w", "y" ], Some "proper subset"
      "(b) F misses X", "x -> w -> y; x <-> w; w <-> y; v -> x", [ "y" ], [ "v" ],
      hedge [ "w"; "x"; "y" ] [ "w"; "y" ] [ "y" ] [ "x", "w"; "w", "y" ] [ "w", "y" ], Some "F does not meet X"
      "(b) F′ meets X", e6, [ "y" ], [ "x"; "w" ], hedge [ "w"; "x"; "y" ] [ "w"; "y" ] [ "y" ] [ "x", "w"; "w", "y" ] [ "w", "y" ], Some "F′ meets X"
      "(c) G[F] is two c-components", "x -> w -> y; x <-> w", [ "y" ], [ "x" ],
      hedge [ "w"; "x"; "y" ] [ "w"; "y" ] [ "y" ] [ "x", "w"; "w", "y" ] [ "w", "y" ], Some "G[F] is not a single c-component"
      "(c) G[F′] is two c-components", "x -> w -> y; x <-> w; x <-> y", [ "y" ], [ "x" ],
      hedge [ "w"; "x"; "y" ] [ "w"; "y" ] [ "y" ] [ "x", "w"; "w", "y" ] [ "w", "y" ], Some "G[F′] is not a single c-component"
      "(d) x does not reach R inside F (front door)", "x -> m -> y; x <-> y", [ "y" ], [ "x" ],
      hedge [ "x"; "y" ] [ "y" ] [ "y" ] [] [], Some "does not reach the roots"
      "(e) R is not an ancestor of Y", "dag { x -> z; x <-> z; y }", [ "y" ], [ "x" ],
      hedge [ "x"; "z" ] [ "z" ] [ "z" ] [ "x", "z" ] [], Some "not an ancestor of Y"
      "(e) R reaches Y only through X, so not in G_{X̄}", "x1 -> r -> x2 -> y; x1 <-> r", [ "y" ], [ "x1"; "x2" ],
      hedge [ "r"; "x1" ] [ "r" ] [ "r" ] [ "x1", "r" ] [], Some "not an ancestor of Y" ]

[<Tests>]
let tests =
    testList "Identification.Results" [
        testList "Hedge.Check" ([
            for name, graph, ys, xs, h, expected in cases ->
                testCase name <| fun () ->
                    match h.Check(Admg.Parse graph, ys, xs), expected with
                    | Null, None -> ()
                    | Null, Some fragment -> failtestf "%O passed, expected a failure mentioning %A" h fragment
                    | NonNull problem, None -> failtestf "%O failed: %s" h problem
                    | NonNull problem, Some fragment -> ExpectSets.contains problem fragment "the failed condition" ] @ [
            testCase "the parity witness rejects the front-door non-hedge (the observational distributions differ)" <| fun () ->
                let same, _ = witness (Reference.ofAdmg (Admg.Parse "x -> m -> y; x <-> y")) (set [ "x" ]) (hedge [ "x"; "y" ] [ "y" ] [ "y" ] [] [])
                Expect.isFalse same "P1(v_F) ≠ P2(v_F)"
        ])
        testList "renderings and OrThrow" [
            testCase "Derivation: line numbers, one indented line per step" <| fun () ->
                let r = Id.Identify(Admg.Parse "x -> m -> y; x <-> y", [ "y" ], [ "x" ])
                let lines = (string r.Derivation).Split(Environment.NewLine)
                Expect.equal lines.Length 6 "six steps"
                Expect.stringStarts lines[0] "ID line 4: P_{x}(y) — " "first step"
                Expect.stringStarts lines[1] "  ID line 2: P_{x,y}(m) — " "second step, depth 1"
            testCase "Identified: ToString and OrThrow return the estimand" <| fun () ->
                let r = Id.Identify(Admg.Parse "z -> x; z -> y; x -> y", [ "y" ], [ "x" ])
                same (r.OrThrow()) (parse "sum_{z} P(y | x, z) P(z)") "OrThrow"
                Expect.stringStarts (string r) "Identified: " "ToString"
                Expect.isTrue r.IsIdentified "IsIdentified"
            testCase "NotIdentified: ToString names the hedge and OrThrow throws it" <| fun () ->
                let r = Id.Identify(Admg.Parse "x -> y; x <-> y", [ "y" ], [ "x" ])
                Expect.equal (string r) "Not identifiable: Hedge F = {x, y}, F′ = {y}, R = {y}" "ToString"
                let e = ExpectSets.throws<NotIdentifiableException> (fun () -> r.OrThrow() |> ignore) "OrThrow"
                Expect.equal (Set.ofSeq e.Hedge.F) (set [ "x"; "y" ]) "the exception carries the hedge"
                Expect.isFalse r.IsIdentified "IsIdentified"
        ]
    ]
