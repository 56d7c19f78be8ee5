(**
---
title: A model with a latent confounder — smoking, tar and cancer
category: Models
index: 2
---

# Smoking, tar and cancer with a hidden genotype

The front-door example (Pearl 2009, §3.3.2) with the numbers of the design note on string diagrams (§2.4): a latent
genotype H affects both smoking S and cancer C; smoking acts on cancer only through tar T.

Run it from the repository root:

    dotnet build src/CausalScript.FSharp -c Release && dotnet fsi examples/smoking.fsx
*)
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.dll"
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.FSharp.dll"

open System.IO
open CausalScript.Models
open CausalScript.FSharp

let H = Var.cat "H" [ "g0"; "g1" ]
let S = Var.cat "S" [ "no"; "yes" ]
let T = Var.cat "T" [ "low"; "high" ]
let C = Var.cat "C" [ "no"; "yes" ]

let smoking =
    causal "smoking" {
        latent H (prior [ 0.5; 0.5 ])
        node S [ H ] (cpt [ "g0" => [ 0.8; 0.2 ]; "g1" => [ 0.2; 0.8 ] ])
        node T [ S ] (cpt [ "no" => [ 0.9; 0.1 ]; "yes" => [ 0.1; 0.9 ] ])
        node C [ T; H ] (cpt [ ("low", "g0") => [ 0.9; 0.1 ]; ("low", "g1") => [ 0.6; 0.4 ]
                               ("high", "g0") => [ 0.5; 0.5 ]; ("high", "g1") => [ 0.2; 0.8 ] ])
    }

(** The model's graph is the latent projection: H becomes the bidirected edge S <-> C, and every graph criterion
applies. No back-door set exists, but tar is a front-door set. *)
let g = smoking |> Model.graph
printfn "Graph: %O" g
printfn "Back-door adjustment sets: %A" (g |> Admg.adjustmentSets [ "S" ] [ "C" ])
printfn "Front-door sets: %A" (g |> Admg.frontDoorSets [ "S" ] [ "C" ])

(** Seeing versus doing, exactly (decimals are read as written, so 0.8 is 4/5): *)
for s in [ "no"; "yes" ] do
    let seeing = smoking |> Model.probabilityExact (C := "yes") [ S := s ]
    let doing = smoking |> Model.doing [ S := s ] |> Model.probabilityExact (C := "yes") []
    printfn "S = %-3s  P(C = yes | S) = %O   P(C = yes | do(S)) = %O" s seeing doing

(** The observational joint of (S, T, C), which is all a study would see: *)
printfn "%O" (smoking |> Model.queryExact [ S; T; C ] [])

(** Simulate a study of 50 000 people and write it to CSV: *)
let study = smoking |> Model.sample 42 50_000
let path = Path.Combine(Path.GetTempPath(), "smoking-study.csv")
study.WriteCsv path
printfn "%O written to %s" study path
printfn "P(C = yes | S = yes) in the sample: %.3f" (float (study.Count([ S := "yes"; C := "yes" ])) / float (study.Count([ S := "yes" ])))
