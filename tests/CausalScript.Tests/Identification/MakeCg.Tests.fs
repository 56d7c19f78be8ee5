/// make-cg (identification-algorithms.md §3.2): the counterfactual graph, which copy survives a merge (the bow and
/// Z → X → Y examples of the note), the K4 trace of §3.5, inconsistency and the parallel-worlds graph without merges.
module CausalScript.Tests.Identification.MakeCgTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Identification
open CausalScript.Tests.Identification.CfOracle

let private names (g: Admg) = g.Nodes |> Set.ofSeq
let private directed (g: Admg) = g.DirectedEdges |> Seq.map (fun e -> e.From, e.To) |> Set.ofSeq
let private bidirected (g: Admg) = g.BidirectedEdges |> Seq.map (fun e -> set [ e.From; e.To ]) |> Set.ofSeq
let private gammaPrime (cg: CounterfactualGraph) = cg.Gamma |> Seq.map string |> Set.ofSeq

[<Tests>]
let tests =
    testList "Identification.MakeCg" [
        testCase "bow, P(y_x, x): Y_x merges into the factual Y (X observed = x equals the constant x), giving P(x, y)" <| fun () ->
            // §3.2 lines 183–184: keeping Y_x would make ID* line 9 return P_x(y).
            let cg = MakeCg.Build(Admg.Parse "X -> Y; X <-> Y", evs [ "Y[X=1] = 1"; "X = 1" ])
            Expect.isFalse cg.IsInconsistent "consistent"
            Expect.equal (names cg.Graph) (set [ "X"; "Y" ]) "the constant x has no child left and is dropped"
            Expect.equal (directed cg.Graph) (set [ "X", "Y" ]) "Y keeps the observed parent"
            Expect.equal (bidirected cg.Graph) (set [ set [ "X"; "Y" ] ]) "confounding"
            Expect.equal (gammaPrime cg) (set [ "X = 1"; "Y = 1" ]) "γ′ = x ∧ y"
            Expect.equal (List.ofSeq cg.EventNodes) [ "Y"; "X" ] "y_x is now the factual Y"

        testCase "Z → X → Y, X ↔ Y, P(y_x, x_z): the merge keeps Y_z, whose parent X_z is observed = x, giving P_z(x, y)" <| fun () ->
            // §3.2 lines 184–185.
            let cg = MakeCg.Build(Admg.Parse "Z -> X -> Y; X <-> Y", evs [ "Y[X=1] = 1"; "X[Z=0] = 1" ])
            Expect.equal (names cg.Graph) (set [ "Z[Z=0]"; "X[Z=0]"; "Y[Z=0]" ]) "the world of z only"
            Expect.equal (directed cg.Graph) (set [ "Z[Z=0]", "X[Z=0]"; "X[Z=0]", "Y[Z=0]" ]) "directed"
            Expect.equal (bidirected cg.Graph) (set [ set [ "X[Z=0]"; "Y[Z=0]" ] ]) "bidirected"
            Expect.equal (gammaPrime cg) (set [ "Y[Z=0] = 1"; "X[Z=0] = 1" ]) "γ′ = y_z ∧ x_z"
            let constant = cg["Z[Z=0]"]
            Expect.equal (constant.Variable, constant.IsConstant, constant.Value) ("Z", true, "0") "the constant"
            Expect.equal [ for kv in constant.Subscript -> kv.Key, kv.Value ] [ "Z", "0" ] "its own assignment"
            Expect.equal [ for kv in cg["Y[Z=0]"].Subscript -> kv.Key, kv.Value ] [ "Z", "0" ] "Y_z's subscript"

        testCase "K4 trace: D copies merge, Z_d merges with Z, W_x stays apart from W; G′ = {x → W_x → Y_x, Z → Y_x, D → Z, X ↔ Y_x}" <| fun () ->
            // §3.5 lines 239–241.
            let cg = MakeCg.Build(Admg.Parse "X -> W -> Y <- Z <- D; X <-> Y", evs [ "Y[X=1] = 1"; "X = 0"; "Z[D=1] = 1"; "D = 1" ])
            Expect.equal (names cg.Graph) (set [ "X[X=1]"; "W[X=1]"; "Y[X=1]"; "Z"; "D"; "X" ]) "nodes"
            Expect.equal (directed cg.Graph) (set [ "X[X=1]", "W[X=1]"; "W[X=1]", "Y[X=1]"; "Z", "Y[X=1]"; "D", "Z" ]) "directed"
            Expect.equal (bidirected cg.Graph) (set [ set [ "X"; "Y[X=1]" ] ]) "bidirected"
            Expect.equal (List.ofSeq cg.EventNodes) [ "Y[X=1]"; "X"; "Z"; "D" ] "z_d sits on the factual Z"
            Expect.equal (gammaPrime cg) (set [ "Y[X=1] = 1"; "X = 0"; "Z = 1"; "D = 1" ]) "γ′"
            Expect.isNull cg["W[X=1]"].Value "W_x is not mentioned"
            Expect.equal (cg["W[X=1]"].Subscript |> Seq.map (fun kv -> kv.Key, kv.Value) |> List.ofSeq) [ "X", "1" ] "its subscript"

        testCase "K6: P(z, z′_x, x) is inconsistent (Z_x merges with Z, whose values clash); with x′ it is not" <| fun () ->
            let g = Admg.Parse "X -> Z -> Y"
            let cg = MakeCg.Build(g, evs [ "Z = 1"; "Z[X=1] = 0"; "X = 1" ])
            Expect.isTrue cg.IsInconsistent "inconsistent"
            Expect.equal cg.Clash (CounterfactualClash("Z", "Z", "1", "0")) "the clash"
            Expect.stringContains (string cg) "INCONSISTENT (Z takes both 1 and 0)" "text"
            let ok = MakeCg.Build(g, evs [ "Z = 1"; "Z[X=1] = 0"; "X = 0" ])
            Expect.isFalse ok.IsInconsistent "x′: no merge"
            Expect.equal (names ok.Graph) (set [ "X"; "Z"; "X[X=1]"; "Z[X=1]" ]) "two copies of Z"

        testCase "without merges the counterfactual graph is the parallel-worlds graph (X → Y, P(y_x, y′) is the twin network)" <| fun () ->
            let g = Admg.Parse "X -> Y"
            let cg = MakeCg.Build(g, evs [ "Y[X=1] = 1"; "Y = 0" ])
            let twin = g.TwinNetwork(Collections.Generic.Dictionary(dict [ "X", "1" ]))
            Expect.equal (names cg.Graph) (names twin) "nodes"
            Expect.equal (directed cg.Graph) (directed twin) "directed"
            Expect.equal (bidirected cg.Graph) (bidirected twin) "U_Y is shared"

        testCase "a tautology X_{X=x} = x names the constant; it carries no event" <| fun () ->
            let cg = MakeCg.Build(Admg.Parse "X -> Y", evs [ "X[X=1] = 1"; "Y[X=1] = 0" ])
            Expect.equal (List.ofSeq cg.EventNodes) [ null; "Y[X=1]" ] "null for the tautology"
            Expect.equal (gammaPrime cg) (set [ "Y[X=1] = 0" ]) "γ′"
            let bad = MakeCg.Build(Admg.Parse "X -> Y", evs [ "X[X=1] = 0" ])
            Expect.isTrue bad.IsInconsistent "effectiveness"
    ]
