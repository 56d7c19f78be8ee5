(**
---
title: Counterfactuals — Pearl's firing squad
category: Models
index: 3
---

# Counterfactuals: Pearl's firing squad

Pearl, *Causality* (2009, §7.1.2), and *The Book of Why* (ch. 8): a court may order an execution (U); the captain then
signals (C); riflemen A and B shoot on the signal, and rifleman A is sometimes nervous (W) and shoots anyway; the
prisoner dies (D) if either shoots. Given that the prisoner is dead, would he be alive had A not shot?

Counterfactuals need more than conditional probabilities: they need each unit's *noise*. Here the noise is explicit
and finite (U ~ Bernoulli(0.6), W ~ Bernoulli(0.3)) and every other variable is a deterministic function of its
parents, so the answer is exact.

Run it from the repository root:

    dotnet build src/CausalScript.FSharp -c Release && dotnet fsi examples/firing-squad.fsx
*)
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.dll"
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.FSharp.dll"

open CausalScript.Models
open CausalScript.FSharp

let U, W = Var.bool "CourtOrder", Var.bool "Nervous"
let C, A, B, D = Var.bool "Captain", Var.bool "A", Var.bool "B", Var.bool "Dead"

let squad =
    scm "firing-squad" {
        noise U (bernoulli 0.6)
        noise W (bernoulli 0.3)
        mech C [ U ] (fun (u: bool) -> u)
        mech A [ C; W ] (fun (c, w) -> c || w)
        mech B [ C ] (fun (c: bool) -> c)
        mech D [ A; B ] (fun (a, b) -> a || b)
    }

printfn "%O" squad
printfn "Observed graph: %O" (squad |> Model.graph)

(**
## Rung 1 and rung 2

Seeing that A shot raises the probability of death to certainty, and so does making A shoot:
*)
printfn "P(Dead | A shot)      = %O" (squad |> Model.probabilityExact (D := true) [ A := true ])
printfn "P(Dead | do(A shoot)) = %O" (squad |> Model.doing [ A := true ] |> Model.probabilityExact (D := true) [])
printfn "P(Dead | do(A hold))  = %O" (squad |> Model.doing [ A := false ] |> Model.probabilityExact (D := true) [])

(**
## Rung 3: had A not shot…

`D[A := false]` is the counterfactual variable D_{A=false}. Given that the prisoner died, it is true exactly when the
court ordered the execution (then B shot too). By Bayes, P(U | D) = 0.6 / (0.6 + 0.4·0.3) = 5/6.
*)
let cf = squad |> Cf.exactRational [ D[A := false] ] [ D := true ]
printfn "%O" cf
printfn "P(Dead had A not shot | Dead) = %O" (cf |> Dist.prob [ D[A := false] := true ])

(**
The probabilities of causation of A's shot for the death (Pearl 2009, §9.2): necessity (PN — would he have lived
without A's shot?), sufficiency (PS) and both (PNS).
*)
let causation = squad |> Cf.causation (A := true) (D := true)
printfn "PN = %.4f  PS = %.4f  PNS = %.4f" causation.Necessity causation.Sufficiency causation.NecessityAndSufficiency

(**
The twin network behind the computation: the factual world, and a world where A is set to false, sharing the noise.
*)
let twin = squad |> Cf.twin [ [ A := false ] ]
printfn "Twin network: %O" twin.FullGraph

(**
A check by simulation: draw units, evaluate both worlds with the same noise, keep the dead prisoners.
*)
let sampled = squad |> Cf.sample 7 200_000 [ D[A := false] ] [ D := true ]
printfn "Sampled: %.4f from %d units (acceptance %.3f)" (sampled.Samples.Mean(D[A := false])) sampled.Samples.RowCount sampled.AcceptanceRate
