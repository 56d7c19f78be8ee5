/// String diagrams (src/CausalScript/Diagrams): the network diagram of the smoking model of string-diagrams.md §2.4,
/// its exact joint, surgery (do, cut, open) against the design's 29/100 and 61/100, the generic functor against the
/// contraction evaluator, and type errors that name both sides.
module CausalScript.Tests.Diagrams.DiagramTests

open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Diagrams
open CausalScript.Tests.Graphs

let private q (text: string) = Rational.Parse text

let H, S, T, C = Variable.Bool "H", Variable.Bool "S", Variable.Bool "T", Variable.Bool "C"

/// string-diagrams.md §2.4: H ~ Bern(1/2), P(S=1|H) = 1/5, 4/5, P(T=1|S) = 1/10, 9/10, P(C=1|T,H) = 1/10, 2/5, 1/2, 4/5.
let smoking =
    Scm.Create("smoking")
        .Latent(H, Mechanism.Prior([ 0.5; 0.5 ]))
        .Node(S, Mechanism.Cpt([ H ], [ 0.8; 0.2; 0.2; 0.8 ]))
        .Node(T, Mechanism.Cpt([ S ], [ 0.9; 0.1; 0.1; 0.9 ]))
        .Node(C, Mechanism.Cpt([ T; H ], [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.5; 0.2; 0.8 ]))
        .Build()

let private exact (d: Diagram) = List.ofSeq (Stoch.EvaluateExact(d).Values)

[<Tests>]
let tests =
    testList "Diagrams.Diagram" [
        testCase "FromModel: one box per variable, H discarded; the state is the design's ω (189/500, 9/125, …)" <| fun () ->
            let d = Diagram.FromModel smoking
            Expect.equal [ for b in d.Boxes -> b.Name ] [ "H"; "S"; "T"; "C" ] "boxes"
            Expect.equal d.Signature "I → S ⊗ T ⊗ C" "signature"
            Expect.equal (exact d) ([ "189/500"; "9/125"; "11/500"; "7/250"; "33/1000"; "17/1000"; "117/1000"; "333/1000" ] |> List.map q) "ω"
            Expect.equal (List.ofSeq (Stoch.EvaluateExact(d).ToFactor().Values)) (List.ofSeq (smoking.QueryExact([ S; T; C ]).Values)) "= exact inference"
        testCase "do(S = s) on the full model gives 29/100 and 61/100" <| fun () ->
            let d = Diagram.FromModel smoking
            Expect.equal (exact (d.Do(S.Is false).Marginal([ C ]))) [ q "71/100"; q "29/100" ] "do(S = false)"
            Expect.equal (exact (d.Do(S.Is true).Marginal([ C ]))) [ q "39/100"; q "61/100" ] "do(S = true)"
        testCase "cut(S) makes S uniform; disintegrating the cut state at S gives the same interventional values" <| fun () ->
            let cut = Stoch.EvaluateExact((Diagram.FromModel smoking).Cut(S).Marginal([ S; C ]))
            Expect.equal (cut.At(false, true) + cut.At(false, false)) (q "1/2") "P'(S = false)"
            Expect.equal (cut.At(false, true) / q "1/2", cut.At(true, true) / q "1/2") (q "29/100", q "61/100") "P'(C | S)"
        testCase "open(S) turns the state into the channel S → C = P(C | do(S))" <| fun () ->
            let d = (Diagram.FromModel smoking).Open(S).Marginal([ C ])
            Expect.equal d.Signature "S → C" "signature"
            Expect.equal (exact d) ([ "71/100"; "29/100"; "39/100"; "61/100" ] |> List.map q) "table"
        testCase "the generic functor (composition in FinStoch) equals the contraction evaluator" <| fun () ->
            let f = Functor(Stoch.Category<Rational>(), fun b -> Stoch.ExactTable b)
            for d in [ Diagram.FromModel smoking; (Diagram.FromModel smoking).Open(S); (Diagram.FromModel smoking).Cut(T).Marginal([ C; S; C ]) ] do
                Expect.isTrue ((f.Apply d).SameAs(Stoch.EvaluateExact d)) (string d)
        testCase "copy, discard, swap and identity are the deterministic matrices" <| fun () ->
            Expect.equal (exact (Diagram.Copy S)) ([ 1; 0; 0; 0; 0; 0; 0; 1 ] |> List.map (fun k -> Rational(k, 1))) "copy"
            Expect.equal (exact (Diagram.Discard [ S ])) [ Rational.One; Rational.One ] "discard"
            Expect.equal (Stoch.EvaluateExact(Diagram.Swap(S, T)).SameAs(Channel<Rational>.Swap(S, T))) true "swap"
            Expect.equal (exact ((Diagram.Uniform S).Then(Diagram.Copy S))) [ q "1/2"; Rational.Zero; Rational.Zero; q "1/2" ] "uniform ; copy"
        testCase "composing mismatched wires names both types and the position" <| fun () ->
            let e = ExpectSets.throws<DiagramException> (fun () -> (Diagram.Copy S).Then(Diagram.Id([ S; T ])) |> ignore) "S ⊗ S vs S ⊗ T"
            ExpectSets.contains e.Message "S {false, true} ⊗ S {false, true}" "left"
            ExpectSets.contains e.Message "position 1: 'S' {false, true} against 'T' {false, true}" "position"
        testCase "surgery on a variable no box produces names it" <| fun () ->
            let e = ExpectSets.throws<DiagramException> (fun () -> (Diagram.FromModel smoking).Cut(Variable.Bool "Q") |> ignore) "Q"
            ExpectSets.contains e.Message "'Q'" "names it"
    ]
