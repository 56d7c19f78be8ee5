/// The F# model layer: scm/causal expressions, := and Y[X := x], Model/Cf/Dist pipelines.
module CausalScript.Tests.FSharp.ModelModule

open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.FSharp
open CausalScript.Tests.Graphs.ExpectSets

let private r (text: string) = Rational.Parse text

let private H = Var.cat "H" [ "g0"; "g1" ]
let private S = Var.cat "S" [ "no"; "yes" ]
let private T = Var.cat "T" [ "low"; "high" ]
let private C = Var.cat "C" [ "no"; "yes" ]

/// string-diagrams.md §2.4, written with keyed rows.
let private smoking =
    causal "smoking" {
        latent H (prior [ 0.5; 0.5 ])
        node S [ H ] (cpt [ "g0" => [ 0.8; 0.2 ]; "g1" => [ 0.2; 0.8 ] ])
        node T [ S ] (cpt [ "no" => [ 0.9; 0.1 ]; "yes" => [ 0.1; 0.9 ] ])
        node C [ T; H ] (cpt [ ("low", "g0") => [ 0.9; 0.1 ]; ("low", "g1") => [ 0.6; 0.4 ]
                               ("high", "g0") => [ 0.5; 0.5 ]; ("high", "g1") => [ 0.2; 0.8 ] ])
    }

[<Tests>]
let tests =
    testList "FSharp.Model" [
        testCase "causal { } with keyed rows gives the design note's interventional values exactly" <| fun () ->
            Expect.equal (smoking |> Model.doing [ S := "no" ] |> Model.probabilityExact (C := "yes") []) (r "29/100") "do(S = no)"
            Expect.equal (smoking |> Model.doing [ S := "yes" ] |> Model.probabilityExact (C := "yes") []) (r "61/100") "do(S = yes)"
            Expect.equal (smoking |> Model.probabilityExact (C := "yes") [ S := "yes" ]) (r "7/10") "seeing"
            Expect.equal (string (Model.graph smoking)) "S -> T; T -> C; S <-> C" "latent projection"

        testCase "keyed rows and the flat table define the same model" <| fun () ->
            let flat =
                causal "flat" {
                    latent H (prior [ 0.5; 0.5 ])
                    node S [ H ] (table [ 0.8; 0.2; 0.2; 0.8 ])
                    node T [ S ] (table [ 0.9; 0.1; 0.1; 0.9 ])
                    node C [ T; H ] (table [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.5; 0.2; 0.8 ])
                }
            let joint m = m |> Model.queryExact [ S; T; C ] [] |> fun f -> List.ofSeq f.Values
            Expect.equal (joint flat) (joint smoking) "same joint"

        testCase "a missing CPT row is named" <| fun () ->
            let e = throws<ModelException> (fun () ->
                        causal "bad" { node S (prior [ 0.5; 0.5 ]); node T [ S ] (cpt [ "no" => [ 0.9; 0.1 ] ]) } |> ignore) "throws"
            Expect.stringContains e.Message "no row for (S = 'yes')" "names the missing row"

        testCase "scm { } with mech and tuple functions: firing squad counterfactual 5/6 via D[A := false]" <| fun () ->
            let U, W = Var.bool "U", Var.bool "W"
            let A, B, D, O = Var.bool "A", Var.bool "B", Var.bool "D", Var.bool "O"
            let squad =
                scm "squad" {
                    noise U (bernoulli 0.6)
                    noise W (bernoulli 0.3)
                    mech O [ U ] (fun (u: bool) -> u)
                    mech A [ O; W ] (fun (o, w) -> o || w)
                    mech B [ O ] (fun (o: bool) -> o)
                    mech D [ A; B ] (fun (a, b) -> a || b)
                }
            Expect.equal (D[A := false]).Name "D[A=false]" "counterfactual name"
            let cf = squad |> Cf.exactRational [ D[A := false] ] [ D := true ]
            Expect.equal (cf |> Dist.prob [ D[A := false] := true ]) (r "5/6") "0.6 / (0.6 + 0.4·0.3)"
            Expect.equal (squad |> Model.graph |> string) "O -> A; O -> B; A -> D; B -> D" "noise terms project away"

        testCase "a function returning a value outside the domain names the variable and the parents" <| fun () ->
            let X = Var.range "X" 0 2
            let Y = Var.range "Y" 0 2
            let m = scm "bad" { node X (prior [ 0.2; 0.3; 0.5 ]); mech Y [ X ] (fun (x: int) -> x + 1) }
            let e = throws<ModelException> (fun () -> m |> Model.sample 1 100 |> ignore) "throws"
            Expect.stringContains e.Message "'Y' returned 3 at (X = 2)" "value and parents"
            Expect.equal e.Variable "Y" "variable"

        testCase "linear mechanisms, shift and unit-level counterfactuals through the pipelines" <| fun () ->
            let X, Y = Var.real "X", Var.real "Y"
            let m = scm "linear" { node X (normal 0.0 1.0); node Y [ X ] (linear 1.0 [ X, 2.0 ] (normal 0.0 0.5)) }
            let units = m |> Model.sample 3 50
            let cf = m |> Cf.unitLevel [ X := 3.0 ] units
            for i in 0 .. 49 do
                // Y_x = Y + 2·(x − X) for the unit's own noise.
                Expect.floatClose Accuracy.high (cf.Reals(Y)[i]) (units.Reals(Y)[i] + 2.0 * (3.0 - units.Reals(X)[i])) "unit-level"
            let shifted = m |> Model.shift X 1.0 |> Model.sample 3 50
            for i in 0 .. 49 do
                // Same seed, same noise: the shift moves X by 1 and Y by 2.
                Expect.floatClose Accuracy.high (shifted.Reals(X)[i]) (units.Reals(X)[i] + 1.0) "shifted X"
                Expect.floatClose Accuracy.high (shifted.Reals(Y)[i]) (units.Reals(Y)[i] + 2.0) "shifted Y"

        testCase "policies and stochastic interventions" <| fun () ->
            let Z, X, Y = Var.bool "Z", Var.bool "X", Var.bool "Y"
            let m =
                causal "policy" {
                    node Z (prior [ 0.4; 0.6 ])
                    node X [ Z ] (table [ 0.5; 0.5; 0.5; 0.5 ])
                    node Y [ X; Z ] (table [ 0.9; 0.1; 0.7; 0.3; 0.6; 0.4; 0.2; 0.8 ])
                }
            // do(X = Z): P(Y=1) = 0.4·P(Y=1|X=0,Z=0) + 0.6·P(Y=1|X=1,Z=1) = 0.4·0.1 + 0.6·0.8 = 0.52
            let policy = m |> Model.policy X Z (fun (z: bool) -> z)
            Expect.floatClose Accuracy.high (policy |> Model.probability (Y := true) []) 0.52 "policy"
            // do(X ~ Bernoulli(0.25)): Σ_z P(z) Σ_x q(x) P(Y=1|x,z), with P(Y=1|x,z) = .1 (0,0), .3 (0,1), .4 (1,0), .8 (1,1):
            // 0.4·(0.75·0.1 + 0.25·0.4) + 0.6·(0.75·0.3 + 0.25·0.8) = 0.4·0.175 + 0.6·0.425 = 0.325
            let random = m |> Model.doRandom X (bernoulli 0.25)
            Expect.floatClose Accuracy.high (random |> Model.probability (Y := true) []) 0.325 "stochastic"
            let e = throws<ModelException> (fun () -> m |> Model.policy Z Y (fun (y: bool) -> y) |> ignore) "throws"
            Expect.stringContains e.Message "descendant of 'Z'" "policy reading a descendant"

        testCase "Dist.toList lists every cell with its values" <| fun () ->
            let cells = smoking |> Model.doing [ S := "yes" ] |> Model.marginal [ C ] |> Dist.toList
            Expect.equal (cells |> List.map fst) [ [ box "no" ]; [ box "yes" ] ] "cells"
            Expect.floatClose Accuracy.high (cells |> List.map snd |> List.sum) 1.0 "sums to 1"
    ]
