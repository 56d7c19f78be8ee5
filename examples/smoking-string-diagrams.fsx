(**
---
title: String-diagram surgery — smoking, tar and cancer as a picture
category: Diagrams
index: 6
---

# Causal inference by string-diagram surgery

Jacobs, Kissinger & Zanasi (FoSSaCS 2019) read a causal model as a *string diagram*: one box per mechanism, wires for
variables, a dot where a wire is copied and a ground symbol where it is discarded. An intervention is *surgery* on the
picture: the box of the intervened variable is cut out and replaced by a state. This script builds the smoking model
of the design note (a latent genotype H, smoking S, tar T, cancer C), draws its diagram before and after the cut, and
computes P(C | do(S)) three ways — all exactly 29/100 and 61/100.

Run it from the repository root:

    dotnet build src/CausalScript.FSharp -c Release && dotnet fsi examples/smoking-string-diagrams.fsx
*)
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.dll"
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.FSharp.dll"

open System.IO
open CausalScript.Diagrams
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

(** ## The network diagram

`Diagram.ofModel` runs the mechanisms in topological order and copies each output to its children; the latent H is
not an output, so the diagram is the state I → S ⊗ T ⊗ C, the observational joint. *)
let omega = smoking |> Diagram.ofModel
printfn "Diagram: %s" (Diagram.signature omega)
printfn "Boxes: %s" (omega |> Diagram.boxes |> List.map (fun b -> string b) |> String.concat "; ")

(** ## Drawing it, before and after surgery

Diagrams read from bottom to top. After `Diagram.cut [ S ]` the box of S is replaced by the uniform state (a triangle
in a dashed outline with a scissors mark); the wire from H that used to feed S now ends in a discard symbol. The files
go to the temporary folder, so running the script leaves the repository clean. *)
let folder = Path.Combine(Path.GetTempPath(), "causalscript-diagrams")
let cutOmega = omega |> Diagram.cut [ S ]
omega |> Diagram.saveSvg (Path.Combine(folder, "smoking.svg"))
cutOmega |> Diagram.saveSvg (Path.Combine(folder, "smoking-cut.svg"))
printfn "SVGs written to %s (smoking.svg, smoking-cut.svg)" folder
printfn "After the cut: %s" (cutOmega |> Diagram.boxes |> List.map (fun b -> b.Name) |> String.concat ", ")

(** ## Seeing: conditioning the observational joint

The joint of S and C, read off the diagram with H marginalised (exact rationals; the model's decimals are read as
written, so 0.8 is 4/5): *)
let seen = omega |> Diagram.marginal [ S; C ] |> Diagram.evalExact
for s in [ "no"; "yes" ] do
    printfn "seeing: P(C = yes | S = %s) = %O" s (seen.At(s, "yes") / (seen.At(s, "no") + seen.At(s, "yes")))

(** ## Doing, three ways

**1. do(S = s):** the box of S becomes the point state s; the diagram is then a state of C alone. *)
for s in [ "no"; "yes" ] do
    let p = omega |> Diagram.doing [ S := s ] |> Diagram.marginal [ C ] |> Diagram.evalExact
    printfn "by do:   P(C = yes | do(S = %s)) = %O" s (p.At "yes")

(** **2. cut + disintegration (JKZ):** cut S, evaluate the altered joint ω′ over (S, C), and condition on S by hand:
P(c | do(s)) = ω′(s, c) / ω′(s). The uniform state gives every s the weight 1/2, so the division is always defined. *)
let omega' = cutOmega |> Diagram.marginal [ S; C ] |> Diagram.evalExact
for s in [ "no"; "yes" ] do
    let weight = omega'.At(s, "no") + omega'.At(s, "yes")
    printfn "by cut:  ω′(S = %s) = %O, P(C = yes | do(S = %s)) = %O" s weight s (omega'.At(s, "yes") / weight)

(** **3. open:** the box of S is removed and S becomes an input wire: the diagram is the channel S → C itself. *)
let opened = omega |> Diagram.openWire [ S ] |> Diagram.marginal [ C ]
let channel = opened |> Diagram.evalExact
for s in [ "no"; "yes" ] do
    printfn "by open: %s, P(C = yes | do(S = %s)) = %O" (Diagram.signature opened) s (channel.At(s, "yes"))

(** ## Building diagrams by hand

Boxes compose with three operators: `f >=> g` runs f then g, `f *** g` puts f and g side by side (⊗), and `f &&& g`
feeds the same inputs to both (fan-out: copy, then ⊗). The fan-out of the tar CPT with the identity keeps S and adds
T; it is the same as copying S and running the identity beside the CPT: *)
let h = Diagram.prior H [ 0.5; 0.5 ]
let s = Diagram.cpt [ H ] S [ 0.8; 0.2; 0.2; 0.8 ]
let t = Diagram.cpt [ S ] T [ 0.9; 0.1; 0.1; 0.9 ]
let c = Diagram.cpt [ T; H ] C [ 0.9; 0.1; 0.6; 0.4; 0.5; 0.5; 0.2; 0.8 ]

let fan = Diagram.id [ S ] &&& t
let viaCopy = Diagram.copy S >=> (Diagram.id [ S ] *** t)
printfn "fan-out: %s, equal to copy then id ⊗ t: %b" (Diagram.signature fan) ((Diagram.evalExact fan).SameAs(Diagram.evalExact viaCopy))

(** The whole network, wired by hand: H feeds S and is kept for C; S feeds T and is kept; T and H feed C; finally H is
discarded. It is the same state as the model's diagram, cell for cell. *)
let byHand =
    h
    >=> (s &&& Diagram.id [ H ])
    >=> ((Diagram.id [ S ] &&& t) *** Diagram.id [ H ])
    >=> (Diagram.id [ S ] *** (Diagram.id [ T; H ] &&& c))
    >=> (Diagram.id [ S; T ] *** Diagram.discard [ H ] *** Diagram.id [ C ])
printfn "by hand: %s, equal to the model's diagram: %b" (Diagram.signature byHand) ((Diagram.evalExact byHand).SameAs(Diagram.evalExact omega))
byHand |> Diagram.saveSvg (Path.Combine(folder, "smoking-by-hand.svg"))

(** The same diagram in C# reads `h >> (s & Diagram.Id(H)) >> ((Diagram.Id(S) & t) * Diagram.Id(H)) >> …`. *)
