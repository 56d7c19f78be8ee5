/// Twin diagrams (src/CausalScript/Diagrams/TwinDiagram.cs; Jacobs, Kissinger & Zanasi 2021, MSCS, counterfactuals):
/// the firing squad's P(D_{A=false} = true | D = true) = 5/6 and the multiverse query behind PNS, and random functional
/// models with finite noise, against the library's exact counterfactuals (Inference/Counterfactuals.cs), with and
/// without sharing unaffected variables; the copies are named like the model-level parallel-worlds network; stochastic
/// copied mechanisms are refused by name.
module CausalScript.Tests.Diagrams.TwinTests

open System
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Diagrams
open CausalScript.Tests.Graphs
open CausalScript.Tests.Models.ScmReference

let private r (s: string) = Rational.Parse s

/// Worlds as the library takes them.
let private worldsOf (worlds: Assignment list list) : seq<seq<Assignment>> = worlds |> Seq.map Seq.ofList

/// The exact counterfactual, or the message of its exception (both engines must fail alike).
let private attempt (f: unit -> Factor<Rational>) =
    try
        Ok(List.ofSeq (f ()).Values)
    with :? CausalScriptException as e ->
        Error e.Message

[<Tests>]
let tests =
    testList "Diagrams.Twin" [
        testCase "firing squad: shared U and W, copies A[A=false] (a point) and D[A=false]; P(D[A=false] = true | D = true) = 5/6" <| fun () ->
            let m = FiringSquad.model (r "3/5") (r "3/10")
            let twin = Diagram.Twin(m, FiringSquad.A.Is false)
            Expect.equal [ for v in twin.Diagram.Cod -> v.Name ] [ "O"; "A"; "B"; "D"; "A[A=false]"; "D[A=false]" ] "outputs"
            Expect.equal [ for v in twin.Full.Cod -> v.Name ] [ "U"; "W"; "O"; "A"; "B"; "D"; "A[A=false]"; "D[A=false]" ] "with the latents"
            let boxes = [ for b in twin.Diagram.Boxes -> b.Name ]
            Expect.equal (boxes |> List.filter (fun n -> n = "U" || n = "W")) [ "U"; "W" ] "one box per root: the worlds share it"
            Expect.isTrue (twin.Diagram.Boxes |> Seq.exists (fun b -> b.Kind = BoxKind.Point && b.Cod[0].Name = "A[A=false]")) "surgery in the counterfactual copy: a point"
            Expect.contains boxes "A[A=false] = false" "the point is named like the assignment"
            Expect.contains boxes "A" "the factual A keeps its mechanism"
            let worlds = m.TwinNetwork([ [ FiringSquad.A.Is false ] ])
            Expect.equal (set [ for v in twin.Full.Cod -> v.Name ]) (set [ for n in worlds.Nodes -> n.Copy.Name ]) "named like ParallelWorlds"
            let dx = FiringSquad.D.Under([ FiringSquad.A.Is false ])
            Expect.equal (twin.Resolve dx).Name "D[A=false]" "resolve"
            Expect.equal (twin.Resolve FiringSquad.O).Name "O" "O is shared"
            let answer = twin.Query([ dx ], [ FiringSquad.D.Is true ])
            Expect.equal answer[[| dx.Is true |]] (r "5/6") "5/6"
            Expect.sequenceEqual answer.Values (Counterfactuals.ExactRational(m, [ dx ], [ FiringSquad.D.Is true ])).Values "= Counterfactuals.ExactRational"
            Expect.equal (twin.Query([ dx ]).[[| dx.Is true |]]) (r "3/5") "no evidence: P(D_{A=false}) = p"

        testCase "firing squad multiverse (A = true, A = false): P(D_true, D_false) = Counterfactuals.ExactRational; Bernoulli noise roots too" <| fun () ->
            for m in [ FiringSquad.model (r "3/5") (r "3/10"); FiringSquad.bernoulli 0.6 0.3 ] do
                let worlds = [ [ FiringSquad.A.Is true ]; [ FiringSquad.A.Is false ] ]
                let twin = TwinDiagram.Build(m, worldsOf worlds)
                let d1, d0 = FiringSquad.D.Under(worlds[0]), FiringSquad.D.Under(worlds[1])
                Expect.sequenceEqual (twin.Query([ d1; d0 ])).Values (Counterfactuals.ExactRational(m, [ d1; d0 ])).Values "joint"
                Expect.sequenceEqual (twin.Query([ d0 ], [ FiringSquad.A.Is true; FiringSquad.D.Is true ])).Values
                    (Counterfactuals.ExactRational(m, [ d0 ], [ FiringSquad.A.Is true; FiringSquad.D.Is true ])).Values "PN-type"

        testCase "300 random functional models: twin queries with factual evidence = Counterfactuals.ExactRational (shared or fully copied)" <| fun () ->
            let mutable answered, refused, copiedOnly = 0, 0, 0
            for seed in 0..299 do
                let rng = Random(11000 + seed)
                let rm = randomFunctionalModel rng
                let m = build (sprintf "functional %d" seed) rm
                let vars = rm.Nodes |> Array.map (fun n -> n.Var)
                let pick () = vars[rng.Next vars.Length]
                let target = pick ()
                let intervention = [ target.Is(target.Domain.ValueAt(rng.Next target.Size)) ]
                let y = pick ()
                let query = [ y.Under(intervention); (pick ()).Under(intervention) ] |> List.distinctBy (fun v -> v.Name)
                let evidence = [ for v in rm.Observed |> Array.filter (fun _ -> rng.Next 3 = 0) -> v.Is(v.Domain.ValueAt(rng.Next v.Size)) ]
                try
                    let expected = attempt (fun () -> Counterfactuals.ExactRational(m, query, evidence))
                    let shared = attempt (fun () -> (TwinDiagram.Build(m, worldsOf [ intervention ])).Query(query, evidence))
                    let full = attempt (fun () -> (TwinDiagram.Build(m, worldsOf [ intervention ], shareUnaffected = false)).Query(query, evidence))
                    match expected, shared, full with
                    | Ok e, Ok s, Ok f ->
                        Expect.equal s e "shared"
                        Expect.equal f e "fully copied"
                        answered <- answered + 1
                    | Error _, Error _, Error _ -> refused <- refused + 1
                    | _ -> failtestf "engines disagree: exact %A, twin %A, fully copied %A" expected shared full
                    let twin = TwinDiagram.Build(m, worldsOf [ intervention ])
                    let worlds = m.TwinNetwork([ intervention ])
                    Expect.equal (set [ for v in twin.Full.Cod -> v.Name ]) (set [ for n in worlds.Nodes -> n.Copy.Name ]) "copies named like ParallelWorlds"
                    if (TwinDiagram.Build(m, worldsOf [ intervention ], shareUnaffected = false)).Full.Cod.Count > twin.Full.Cod.Count then copiedOnly <- copiedOnly + 1
                with e ->
                    failtestf "seed %d, model\n%O\nquery %A, evidence %A: %s" (11000 + seed) rm [ for v in query -> v.Name ] evidence e.Message
            Expect.isGreaterThan answered 200 "answered queries"
            Expect.isGreaterThan refused 5 "zero-probability evidence, refused by both"
            Expect.isGreaterThan copiedOnly 100 "models where copying everything adds copies"

        testCase "without sharing, an unaffected copy equals its factual variable (deterministic boxes commute with copying)" <| fun () ->
            let m = FiringSquad.model (r "3/5") (r "3/10")
            let twin = TwinDiagram.Build(m, worldsOf [ [ FiringSquad.A.Is false ] ], shareUnaffected = false)
            let o, ox = FiringSquad.O, FiringSquad.O.Under([ FiringSquad.A.Is false ])
            Expect.equal (twin.Resolve ox).Name "O[A=false]" "copied"
            let joint = twin.Query([ o; ox ])
            Expect.equal (joint[[| o.Is true; ox.Is false |]], joint[[| o.Is false; ox.Is true |]]) (Rational.Zero, Rational.Zero) "O = O[A=false]"

        testCase "a stochastic mechanism that would be copied is refused by name; an unknown world is named" <| fun () ->
            let e = ExpectSets.throws<DiagramException> (fun () -> Diagram.Twin(DiagramTests.smoking, DiagramTests.S.Is true) |> ignore) "smoking"
            ExpectSets.contains e.Message "'T'" "names T"
            ExpectSets.contains e.Message "deterministic" "says why"
            ExpectSets.contains e.Message "P(T = false | S = false) = 9/10" "shows a row"
            let m = FiringSquad.model (r "3/5") (r "3/10")
            let twin = Diagram.Twin(m, FiringSquad.A.Is false)
            let e = ExpectSets.throws<DiagramException> (fun () -> twin.Resolve(FiringSquad.D.Under([ FiringSquad.B.Is true ])) |> ignore) "world"
            ExpectSets.contains e.Message "(A = false)" "lists the worlds"
            // A stochastic variable that no intervention reaches is shared, so it is allowed.
            Expect.equal (Diagram.Twin(DiagramTests.smoking, DiagramTests.C.Is true)).Full.Cod.Count 5 "C's copy only"
    ]
