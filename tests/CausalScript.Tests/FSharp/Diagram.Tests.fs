/// The F# diagram layer (src/CausalScript.FSharp/Diagram.fs): the operators >=>, *** and &&& on Diagram values, the
/// curried functions, and the smoking model of string-diagrams.md §2.4 built by hand and through the pipeline.
module CausalScript.Tests.FSharp.DiagramModule

open System.IO
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Diagrams
open CausalScript.FSharp
open CausalScript.Tests.Graphs.ExpectSets

let private r (text: string) = Rational.Parse text

let private H = Var.cat "H" [ "g0"; "g1" ]
let private S = Var.cat "S" [ "no"; "yes" ]
let private T = Var.cat "T" [ "low"; "high" ]
let private C = Var.cat "C" [ "no"; "yes" ]

let private smoking =
    causal "smoking" {
        latent H (prior [ 0.5; 0.5 ])
        node S [ H ] (cpt [ "g0" => [ 0.8; 0.2 ]; "g1" => [ 0.2; 0.8 ] ])
        node T [ S ] (cpt [ "no" => [ 0.9; 0.1 ]; "yes" => [ 0.1; 0.9 ] ])
        node C [ T; H ] (cpt [ ("low", "g0") => [ 0.9; 0.1 ]; ("low", "g1") => [ 0.6; 0.4 ]
                               ("high", "g0") => [ 0.5; 0.5 ]; ("high", "g1") => [ 0.2; 0.8 ] ])
    }

let private h = Diagram.prior H [ 0.5; 0.5 ]
let private s = Diagram.cpt [ H ] S [ 0.8; 0.2; 0.2; 0.8 ]
let private t = Diagram.cpt [ S ] T [ 0.9; 0.1; 0.1; 0.9 ]
let private c = Diagram.cpt [ T; H ] C [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.5; 0.2; 0.8 ]

let private same (a: Diagram) (b: Diagram) = (Diagram.evalExact a).SameAs(Diagram.evalExact b)

let private values (d: Diagram) = List.ofSeq (Diagram.evalExact d).Values

[<Tests>]
let tests =
    testList "FSharp.Diagram" [
        testCase ">=>, *** and &&& resolve to Then, Tensor and FanOut" <| fun () ->
            let u = Diagram.uniform S
            Expect.isTrue (same (u >=> t) (u.Then t)) ">=>"
            Expect.isTrue (same (t *** u) (t.Tensor u)) "***"
            Expect.isTrue (same (Diagram.id [ S ] &&& t) ((Diagram.id [ S ]).FanOut t)) "&&&"
            Expect.equal (Diagram.signature (t *** u)) "S → T ⊗ S" "*** puts inputs and outputs side by side"

        testCase "fan-out of a CPT box = copy, then id ⊗ box; *** binds tighter than >=>" <| fun () ->
            let fan = Diagram.id [ S ] &&& t
            let viaCopy = Diagram.copy S >=> Diagram.id [ S ] *** t
            Expect.equal (Diagram.signature viaCopy) "S → S ⊗ T" "parsed as copy >=> (id *** t)"
            Expect.isTrue (same fan viaCopy) "equal tables"
            Expect.equal (values fan) ([ "9/10"; "1/10"; "0"; "0"; "0"; "0"; "1/10"; "9/10" ] |> List.map r) "P(s', t | s)"

        testCase "composing mismatched wires with >=> raises and names both sides" <| fun () ->
            let e = throws<DiagramException> (fun () -> t >=> t |> ignore) "T into S"
            contains e.Message "'T'" "names the output"
            contains e.Message "'S'" "names the input"

        testCase "the smoking network wired by hand equals Diagram.ofModel, cell for cell and in its drawing" <| fun () ->
            let byHand =
                h
                >=> (s &&& Diagram.id [ H ])
                >=> ((Diagram.id [ S ] &&& t) *** Diagram.id [ H ])
                >=> (Diagram.id [ S ] *** (Diagram.id [ T; H ] &&& c))
                >=> (Diagram.id [ S; T ] *** Diagram.discard [ H ] *** Diagram.id [ C ])
            let model = Diagram.ofModel smoking
            Expect.equal (Diagram.signature byHand) "I → S ⊗ T ⊗ C" "signature"
            Expect.isTrue (same byHand model) "same joint"
            Expect.equal (values byHand |> List.head) (r "189/500") "ω(no, low, no)"
            Expect.equal (Diagram.toSvg byHand) (Diagram.toSvg model) "equal up to the comonoid laws, and drawn alike"

        testCase "pipelines: doing, cut + disintegration by hand, openWire all give 29/100 and 61/100" <| fun () ->
            let omega = smoking |> Diagram.ofModel
            for sv, expected in [ "no", r "29/100"; "yes", r "61/100" ] do
                let byDo = omega |> Diagram.doing [ S := sv ] |> Diagram.marginal [ C ] |> Diagram.evalExact
                Expect.equal (byDo.At "yes") expected $"do(S = {sv})"
                let cut = omega |> Diagram.cut [ S ] |> Diagram.marginal [ S; C ] |> Diagram.evalExact
                let weight = cut.At(sv, "no") + cut.At(sv, "yes")
                Expect.equal weight (r "1/2") "uniform S"
                Expect.equal (cut.At(sv, "yes") / weight) expected $"cut, S = {sv}"
                let opened = omega |> Diagram.openWire [ S ] |> Diagram.marginal [ C ] |> Diagram.evalExact
                Expect.equal (opened.At(sv, "yes")) expected $"open, S = {sv}"
            let seen = omega |> Diagram.marginal [ S; C ] |> Diagram.eval
            Expect.floatClose Accuracy.high (seen.At("yes", "yes") / (seen.At("yes", "no") + seen.At("yes", "yes"))) 0.7 "seeing (doubles)"

        testCase "rewrite swaps a mechanism; None keeps the box; normalize drops what nobody reads" <| fun () ->
            let omega = Diagram.ofModel smoking
            let noTar = Diagram.cpt [ S ] T [ 1.0; 0.0; 1.0; 0.0 ]
            let swapped = omega |> Diagram.rewrite (fun b -> if b.Name = "T" then Some noTar else None)
            let pc d = (d |> Diagram.marginal [ C ] |> Diagram.evalExact).At "yes"
            Expect.equal (pc swapped) (r "1/4") "no tar: P(C = yes) = ½·1/10 + ½·2/5"
            Expect.equal (pc (omega |> Diagram.rewrite (fun _ -> None))) (pc omega) "identity rewrite"
            let onlyS = omega |> Diagram.marginal [ S ] |> Diagram.normalize
            Expect.equal (onlyS |> Diagram.boxes |> List.map (fun b -> b.Name)) [ "H"; "S" ] "T and C removed"

        testCase "toSvg, toSvgWith and saveSvg draw the cut" <| fun () ->
            let cut = Diagram.ofModel smoking |> Diagram.cut [ S ]
            let svg = cut |> Diagram.toSvg
            contains svg "class=\"box state cut\"" "cut box"
            contains (cut |> Diagram.toSvgWith (DiagramSvgOptions(Title = "cut ω"))) "<title>cut ω</title>" "title"
            let path = Path.Combine(Path.GetTempPath(), $"causalscript-fs-{System.Guid.NewGuid():N}.svg")
            try
                cut |> Diagram.saveSvg path
                Expect.equal (File.ReadAllText path) svg "saved"
            finally
                File.Delete path
    ]

[<Tests>]
let combTests =
    testList "FSharp.Comb" [
        testCase "Comb.identify: the smoking graph has a comb witness whose effect on the observed joint is 29/100, 61/100" <| fun () ->
            // The smoking model of string-diagrams.md §2.4 (shared with the core diagram tests).
            let model, S, C = CausalScript.Tests.Diagrams.DiagramTests.smoking, CausalScript.Tests.Diagrams.DiagramTests.S, CausalScript.Tests.Diagrams.DiagramTests.C
            match model |> Comb.identifyModel [ S ] [ C ] with
            | Ok found ->
                let observed = model |> Diagram.ofModel |> Diagram.evalExact
                let effect = observed |> Comb.effect found.Witness
                Expect.equal (effect |> Channel.at [ (false :> obj); (true :> obj) ]) (Rational.Parse "29/100") "do(S = false)"
                Expect.equal (effect |> Channel.at [ (true :> obj); (true :> obj) ]) (Rational.Parse "61/100") "do(S = true)"
            | Error reason -> failtestf "expected a comb, got %O" reason
        testCase "Comb.identify: the bow has no comb; the error carries the reason and ID's hedge" <| fun () ->
            match dag "S -> C; S <-> C" |> Comb.identify [ "S" ] [ "C" ] with
            | Error n -> Expect.isFalse n.IdVerdict.IsIdentified "ID agrees: not identifiable"
            | Ok c -> failtestf "expected no comb, got %O" c
    ]
