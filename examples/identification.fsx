(**
---
title: Identification — from a graph to an estimand, or a proof that there is none
category: Identification
index: 5
---

# Identification tour

Which causal effects can be computed from observational data, and how? CausalScript answers with a formula you can
read, print in LaTeX and evaluate — or with a *hedge*, the proof that no formula exists (Shpitser & Pearl 2006).

Run it from the repository root:

    dotnet build src/CausalScript.FSharp -c Release && dotnet fsi examples/identification.fsx
*)
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.dll"
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.FSharp.dll"

open CausalScript.Graphs
open CausalScript.Identification
open CausalScript.FSharp

(** Every `Identify` function returns a `Result`: `Ok` with the estimand and the derivation (which lines of which
algorithm fired), or `Error` with the proof that there is no estimand. *)
let report (title: string) (result: Result<Identified, NotIdentifiable>) =
    printfn "── %s" title
    match result with
    | Ok identified ->
        printfn "   %s" (Estimand.toText identified.Estimand)
        printfn "   LaTeX: %s" (Estimand.toLatex identified.Estimand)
        printfn "   %s" (identified.Derivation.ToString().Replace("\n", "\n   "))
    | Error(NotIdentifiable.Hedge h) -> printfn "   not identifiable: %O" h
    | Error reason -> printfn "   %O" reason

(** ## Back door: adjust for the confounder *)
P [ "Y" ] |> doing [ "X" ] |> Identify.effect (dag "Z -> X; Z -> Y; X -> Y") |> report "back door"

(** ## Front door: no adjustment set, but the mediator carries the effect *)
let smokingGraph = dag "S -> T -> C; S <-> C"
P [ "C" ] |> doing [ "S" ] |> Identify.effect smokingGraph |> report "front door"

(** ## The napkin graph: neither criterion applies, ID still finds the estimand

Popular tools print P(y | x) here, which is wrong (identification-algorithms.md §1.6); the correct answer is a ratio
in which w2 stays free (it can be fixed at any value). *)
let napkin = dag "W1 -> W2 -> X -> Y; W1 <-> X; W1 <-> Y"
let napkinResult = P [ "Y" ] |> doing [ "X" ] |> Identify.effect napkin
napkinResult |> report "napkin"

(** Every estimand can be checked against ground truth: random models compatible with the graph give the exact
observational joint (to evaluate the estimand) and the exact interventional distribution (by surgery). *)
let mismatches = EstimandVerifier.Check(napkin, [ "Y" ], [ "X" ], Identify.estimand napkinResult, [ 1; 2; 3 ])
printfn "napkin estimand vs truth on 3 random models: %d mismatching cells" mismatches.Count
let naive = Estimand.parse "P(Y | X)"
printfn "the naive P(Y | X) on the same models: %d mismatching cells" (EstimandVerifier.Check(napkin, [ "Y" ], [ "X" ], naive, [ 1 ]).Count)

(** ## A conditional effect (IDC) *)
P [ "Y" ] |> doing [ "X" ] |> given [ "W" ] |> Identify.effect (dag "Z -> X; Z -> Y; X -> Y -> W") |> report "conditional"

(** ## Not identifiable: the bow and its hedge *)
P [ "Y" ] |> doing [ "X" ] |> Identify.effect (dag "X -> Y; X <-> Y") |> report "bow"
P [ "Y" ] |> doing [ "X" ] |> Identify.effect (dag "X -> W -> Y; X <-> W; W <-> Y") |> report "hedge with a mediator"

(** ## Counterfactuals: the ID* and IDC* algorithms

The effect of treatment on the treated asks about Y had X been 1 among those with X = 0: P(y_{x=1} | x = 0). With a
measured confounder Z it is identified (Shpitser & Pearl 2008; identification-algorithms.md §3.5, K3), first in
terms of interventional distributions, then — running ID on each term — from observational data. *)
let confounded = dag "Z -> X; Z -> Y; X -> Y"
let ett = [ "Y[X=1] = 1" ] |> Identify.counterfactualGiven confounded [ "X = 0" ]
ett |> report "ETT, interventional form"
ett |> Identify.observational confounded |> report "ETT, observational form"
(** With a latent confounder instead, the same query has no answer: line 8 of ID-star finds x and x′ in one c-component. *)
[ "Y[X=1] = 1"; "X = 0" ] |> Identify.counterfactual (dag "X -> Y; X <-> Y") |> report "ETT in the bow"

(** ## Closing the loop: model → identify → compute

The smoking model with its hidden genotype; the front-door estimand, evaluated on the model's observational joint
alone, gives the interventional probabilities 29/100 and 61/100 exactly. *)
let H, S, T, C = Var.bool "H", Var.bool "S", Var.bool "T", Var.bool "C"
let smoking =
    causal "smoking" {
        latent H (prior [ 0.5; 0.5 ])
        node S [ H ] (table [ 0.8; 0.2; 0.2; 0.8 ])
        node T [ S ] (table [ 0.9; 0.1; 0.1; 0.9 ])
        node C [ T; H ] (table [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.5; 0.2; 0.8 ])
    }
let joint = smoking |> Model.queryExact [ S; T; C ] []
let estimand = P [ "C" ] |> doing [ "S" ] |> Identify.effect (Model.graph smoking) |> Identify.estimand
printfn "%O" (estimand |> Estimand.eval joint)
