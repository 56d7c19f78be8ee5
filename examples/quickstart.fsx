(**
---
title: Quickstart — causal graphs
category: Getting started
index: 1
---

# Quickstart: a causal graph in a few lines

Run it from the repository root (the first command builds the library):

    dotnet build src/CausalScript.FSharp -c Release && dotnet fsi examples/quickstart.fsx

We load the core (C#) and the F# layer, which adds the `dag "…"` literal and pipeline functions (`Admg.*`).
*)
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.dll"
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.FSharp.dll"

open CausalScript.Graphs
open CausalScript.FSharp

let show (sets: Set<string> list) =
    match sets with
    | [] -> "none"
    | _ -> sets |> List.map (fun s -> "{" + String.concat ", " s + "}") |> String.concat "  "

(**
## 1. Write the model once

Pearl's *Causality* (2009), Fig. 3.4: does the effect of `xi` on `xj` need adjustment, and for what?
The text is dagitty's syntax, so models move freely between dagitty.net, R and CausalScript.
*)
let fig34 =
    dag """
    dag {
      xi [exposure]
      xj [outcome]
      x1 -> x3 -> xi
      x1 -> x4 <- x2
      x4 -> xi
      x4 -> xj
      x2 -> x5 -> xj
      xi -> x6 -> xj
    }
    """

printfn "Model: %O" fig34

(**
## 2. Ask for adjustment sets

All minimal sufficient adjustment sets (polynomial delay; van der Zander, Liśkiewicz & Textor 2019), the
canonical set, and the optimal set of Henckel, Perković & Maathuis (2022):
*)
let minimal = fig34 |> Admg.adjustmentSets [ "xi" ] [ "xj" ]
printfn "Minimal adjustment sets for xi -> xj: %s" (show minimal)
printfn "Canonical set: %s" (fig34 |> Admg.canonicalAdjustmentSet [ "xi" ] [ "xj" ] |> Option.toList |> show)
printfn "Optimal set:   %s" (fig34 |> Admg.optimalAdjustmentSet [ "xi" ] [ "xj" ] |> Option.toList |> show)

(** A set that looks plausible but is wrong gets a reason, naming the open path: *)
match fig34 |> Admg.checkAdjustment [ "xi" ] [ "xj" ] [ "x4" ] with
| Ok () -> printfn "{x4} is valid"
| Error reason -> printfn "{x4} is not valid: %s" reason

(**
## 3. d-separation facts

`x4` is a collider between `x1` and `x2`: conditioning on it opens the path.
*)
printfn "x1 _||_ x2            : %b" (fig34 |> Admg.isSeparated [ "x1" ] [ "x2" ] [])
printfn "x1 _||_ x2 | x4       : %b" (fig34 |> Admg.isSeparated [ "x1" ] [ "x2" ] [ "x4" ])
printfn "xi _||_ xj | x4,x5,x6 : %b" (fig34 |> Admg.isSeparated [ "xi" ] [ "xj" ] [ "x4"; "x5"; "x6" ])

(** The independencies the model implies — what to test against data before trusting it: *)
for ci in fig34 |> Admg.independenceBasis do
    printfn "  %O" ci

(**
## 4. Latent confounding and the front door

Smoking, tar and cancer with an unobserved genotype. No adjustment set exists, but tar is a front-door set
(Pearl 1995), found in linear time (Wienöbst, van der Zander & Liśkiewicz 2024).
*)
let smoking = dag "smoking -> tar -> cancer; genotype -> smoking; genotype -> cancer; genotype [latent]"

printfn "Projected onto the observed variables: %O" (smoking |> Admg.projectLatents)
printfn "Adjustment sets: %s" (smoking |> Admg.adjustmentSets [ "smoking" ] [ "cancer" ] |> show)
printfn "Front-door set:  %s" (smoking |> Admg.frontDoorSet [ "smoking" ] [ "cancer" ] |> Option.toList |> show)

(**
## 5. See it

Mermaid renders natively in Polyglot notebooks and Markdown; DOT goes to Graphviz.
*)
printfn "%s" (smoking |> Admg.toMermaid)
printfn "%s" (smoking |> Admg.toDot)
