/// Ancestral sampling of state diagrams (src/CausalScript/Diagrams/DiagramSampler.cs): the frequency of every joint
/// cell of the outputs lies within five binomial standard deviations of the evaluated state (Stoch.Evaluate), on
/// random diagrams and on the smoking model after surgery; copies agree row by row; duplicate names get suffixes;
/// the seed fixes the rows.
module CausalScript.Tests.Diagrams.SamplerTests

open System
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Diagrams
open CausalScript.Tests.Graphs
open CausalScript.Tests.Diagrams.DiagramTests
open CausalScript.Tests.Diagrams.PropertiesTests

/// |frequency − p| ≤ 5 √(p(1 − p)/n) (+ 1e-12, so impossible cells must never occur).
let private withinBinomial (n: int) (p: float) (phat: float) (message: string) =
    let bound = 5.0 * sqrt (p * (1.0 - p) / float n) + 1e-12
    if abs (phat - p) > bound then failtestf "%s: frequency %.5f, probability %.5f, bound %.5f (n = %d)" message phat p bound n

/// Checks the joint frequencies of the sample's columns (in output order) against the state, cell by cell.
let private checkFrequencies (d: Diagram) (n: int) (seed: int) =
    let data = DiagramSampler.Sample(d, n, seed)
    let state = Stoch.Evaluate d
    let columns = [| for v in data.Variables -> data.Codes(v).ToArray() |]
    let sizes = [| for v in d.Cod -> v.Size |]
    let counts = Array.zeroCreate state.Values.Count
    for r in 0 .. n - 1 do
        let mutable cell = 0
        for k in 0 .. sizes.Length - 1 do cell <- cell * sizes[k] + columns[k][r]
        counts[cell] <- counts[cell] + 1
    for cell in 0 .. counts.Length - 1 do
        withinBinomial n state.Values[cell] (float counts[cell] / float n) (sprintf "%O, cell %d" d cell)

[<Tests>]
let tests =
    testList "Diagrams.Sampler" [
        testCase "150 random states, 2000 rows each: every joint cell within 5 binomial standard deviations of Stoch.Evaluate" <| fun () ->
            let mutable cells = 0
            forSeeds 10000 150 <| fun g ->
                let d = g.Diagram([], 1 + g.Rng.Next 6)
                cells <- cells + (Stoch.Evaluate d).Values.Count
                checkFrequencies d 2000 (g.Rng.Next())
            Expect.isGreaterThan cells 1000 "cells checked"

        testCase "smoking after do(S = true): P(C = true) = 61/100 within the bound; columns S, T, C" <| fun () ->
            let d = (Diagram.FromModel smoking).Do(S.Is true)
            let n = 20000
            let data = DiagramSampler.Sample(d, n, 7)
            Expect.equal [ for v in data.Variables -> v.Name ] [ "S"; "T"; "C" ] "columns"
            Expect.equal (data.Count [ S.Is true ]) n "S is set"
            withinBinomial n 0.61 (float (data.Count [ C.Is true ]) / float n) "P(C = true | do(S = true))"
            checkFrequencies d n 8
            checkFrequencies (Diagram.FromModel smoking) n 9

        testCase "a copied output is the same column; the second S is S_2, skipping a name already taken" <| fun () ->
            let d = (Diagram.FromModel smoking).SelectOutputs([ 0; 0; 2 ])
            let data = DiagramSampler.Sample(d, 500, 1)
            Expect.equal [ for v in data.Variables -> v.Name ] [ "S"; "S_2"; "C" ] "names"
            Expect.sequenceEqual (data.Codes(data["S"]).ToArray()) (data.Codes(data["S_2"]).ToArray()) "S = S_2 row by row"
            let s2 = Variable.Bool "S_2"
            let clash = (Diagram.FromModel smoking).SelectOutputs([ 0; 0 ]) * Diagram.Point(s2, true)
            Expect.equal [ for v in (DiagramSampler.Sample(clash, 10, 1)).Variables -> v.Name ] [ "S"; "S_3"; "S_2" ] "S_2 is taken"

        testCase "the seed fixes the rows; another seed gives others" <| fun () ->
            let d = Diagram.FromModel smoking
            let rows seed = [ for v in [ S; T; C ] -> (DiagramSampler.Sample(d, 200, seed)).Codes(v).ToArray() ]
            Expect.equal (rows 3) (rows 3) "same seed"
            Expect.notEqual (rows 3) (rows 4) "other seed"

        testCase "a diagram with inputs is refused, and the message says how to feed them" <| fun () ->
            let e = ExpectSets.throws<DiagramException> (fun () -> DiagramSampler.Sample((Diagram.FromModel smoking).Open(S), 10) |> ignore) "inputs"
            ExpectSets.contains e.Message "S → S ⊗ T ⊗ C" "signature"
            ExpectSets.contains e.Message "Diagram.Point" "hint"
    ]
