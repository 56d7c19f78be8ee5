/// The F# identification layer: `P [ y ] |> doing [ x ] |> Identify.effect g` returns a Result; counterfactual queries,
/// the observational form, estimand helpers, and the plug-in estimate on a sample of the smoking model.
module CausalScript.Tests.FSharp.IdentifyModule

open Expecto
open CausalScript
open CausalScript.Identification
open CausalScript.Inference
open CausalScript.FSharp
open CausalScript.Tests.Graphs

let private frontDoorGraph = dag "S -> T -> C; S <-> C"

[<Tests>]
let tests =
    testList "FSharp.Identify" [
        testCase "front door: Ok with the textbook formula and the derivation" <| fun () ->
            match P [ "C" ] |> doing [ "S" ] |> Identify.effect frontDoorGraph with
            | Ok identified ->
                Expect.equal identified.Estimand (Estimand.parse "sum_{T} P(T | S) sum_{S'} P(C | S', T) P(S')") "estimand"
                Expect.equal [ for s in identified.Derivation.Steps -> s.Algorithm ] [ "front-door" ] "derivation"
            | Error e -> failtestf "expected an estimand, got %O" e
        testCase "bow: Error with the hedge, which passes its check" <| fun () ->
            let g = dag "X -> Y; X <-> Y"
            match P [ "Y" ] |> doing [ "X" ] |> Identify.effect g with
            | Error(NotIdentifiable.Hedge h) ->
                Expect.equal (List.ofSeq h.F, List.ofSeq h.FPrime) ([ "X"; "Y" ], [ "Y" ]) "F, F′"
                Expect.isNull (h.Check(g, [ "Y" ], [ "X" ])) "Hedge.Check"
                Expect.stringStarts (string (NotIdentifiable.Hedge h)) "not identifiable: Hedge" "ToString"
            | other -> failtestf "expected a hedge, got %A" other
        testCase "general skips the adjustment form; given adds conditions (IDC)" <| fun () ->
            let g = dag "Z -> X; Z -> Y; X -> Y -> W"
            let general = P [ "Y" ] |> doing [ "X" ] |> Identify.general g |> Identify.estimand
            Expect.equal general (Estimand.parse "sum_{Z} P(Y | X, Z) P(Z)") "back door via ID"
            match P [ "Y" ] |> doing [ "X" ] |> given [ "W" ] |> Identify.effect g with
            | Ok identified -> Expect.equal identified.Derivation.Steps[0].Algorithm "IDC" "IDC"
            | Error e -> failtestf "%O" e
        testCase "estimand throws NotIdentifiableException with the hedge; tryEstimand is None" <| fun () ->
            let result = P [ "Y" ] |> doing [ "X" ] |> Identify.effect (dag "X -> Y; X <-> Y")
            let e = ExpectSets.throws<NotIdentifiableException> (fun () -> Identify.estimand result |> ignore) "estimand"
            Expect.equal (List.ofSeq e.Hedge.Roots) [ "Y" ] "roots"
            Expect.isNone (Identify.tryEstimand result) "tryEstimand"
        testCase "counterfactuals: ETT with a measured confounder is identified observationally; in the bow it is a conflict" <| fun () ->
            let g = dag "Z -> X; Z -> Y; X -> Y"
            let ett = [ "Y[X=1] = 1" ] |> Identify.counterfactualGiven g [ "X = 0" ] |> Identify.observational g
            Expect.isSome (Identify.tryEstimand ett) "ETT"
            match [ "Y[X=1] = 1"; "X = 0" ] |> Identify.counterfactual (dag "X -> Y; X <-> Y") with
            | Error(NotIdentifiable.Conflict c) -> Expect.equal c.Variable "X" "the clashing variable"
            | other -> failtestf "expected a conflict, got %A" other
        testCase "unknown variable, overlapping sets and conditioning on a treatment are specific errors" <| fun () ->
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> P [ "C" ] |> doing [ "s" ] |> Identify.effect frontDoorGraph |> ignore) "unknown"
            Expect.equal e.Suggestion "S" "suggestion"
            let e = ExpectSets.throws<GraphException> (fun () -> P [ "C"; "T" ] |> doing [ "T" ] |> Identify.effect frontDoorGraph |> ignore) "overlap"
            ExpectSets.contains e.Message "'T' is both an outcome and a treatment" "overlap message"
            let e = ExpectSets.throws<GraphException> (fun () -> P [ "C" ] |> doing [ "S" ] |> given [ "S" ] |> Identify.effect frontDoorGraph |> ignore) "condition on treatment"
            ExpectSets.contains e.Message "'S' is both a treatment and a condition" "condition message"
        testCase "model → identify → estimate: the front door on 200,000 sampled rows is within 0.01 of 29/100 and 61/100" <| fun () ->
            let H, S, T, C = Var.bool "H", Var.bool "S", Var.bool "T", Var.bool "C"
            let smoking =
                causal "smoking" {
                    latent H (prior [ 0.5; 0.5 ])
                    node S [ H ] (table [ 0.8; 0.2; 0.2; 0.8 ])
                    node T [ S ] (table [ 0.9; 0.1; 0.1; 0.9 ])
                    node C [ T; H ] (table [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.5; 0.2; 0.8 ])
                }
            let data = smoking.Sample(200000, seed = 7)
            let estimate = P [ "C" ] |> doing [ "S" ] |> Identify.effect (Model.graph smoking) |> Identify.estimand |> Estimand.estimate data
            // The naive conditional is far off (0.2 and 0.7): the test can tell the estimand from P(C | S).
            Expect.floatClose { absolute = 0.01; relative = 0.0 } estimate[[| S.Is false; C.Is true |]] 0.29 "do(S = false)"
            Expect.floatClose { absolute = 0.01; relative = 0.0 } estimate[[| S.Is true; C.Is true |]] 0.61 "do(S = true)"
    ]
