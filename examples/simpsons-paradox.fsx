(**
---
title: Simpson's paradox — stratify, adjust, intervene
category: Models
index: 4
---

# Simpson's paradox: two recommenders

The recommender example of the ZJU tutorial on causal inference (seed digest §3). Recommender A converts
10/400 low-income and 40/600 high-income users; recommender B converts 4/200 and 50/800. A is better in each stratum,
B is better overall. Which recommender should be deployed?

Income affects both which recommender a user saw and whether they buy, so it confounds the comparison. We write the
model with the exact rates from the table, then compare the three rungs of the ladder.

Run it from the repository root:

    dotnet build src/CausalScript.FSharp -c Release && dotnet fsi examples/simpsons-paradox.fsx
*)
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.dll"
#r "../src/CausalScript.FSharp/bin/Release/net10.0/CausalScript.FSharp.dll"

open CausalScript.Models
open CausalScript.Inference
open CausalScript.FSharp

let Income = Var.cat "Income" [ "low"; "high" ]
let Rec = Var.cat "Recommender" [ "A"; "B" ]
let Buy = Var.bool "Buy"
let r (text: string) = Rational.Parse text

(** Exact rationals from the counts: 600 of 2000 users have low income; 400 of them saw A, and 600 of the 1400
high-income users saw A. *)
let recommender =
    Scm.Create("recommender")
        .Node(Income, Mechanism.Prior([ r "600/2000"; r "1400/2000" ]))
        .Node(Rec, Mechanism.Cpt([ Income ], [ r "400/600"; r "200/600"; r "600/1400"; r "800/1400" ]))
        .Node(Buy, Mechanism.Cpt([ Income; Rec ],
                                 [ r "390/400"; r "10/400"      // low,  A
                                   r "196/200"; r "4/200"       // low,  B
                                   r "560/600"; r "40/600"      // high, A
                                   r "750/800"; r "50/800" ]))  // high, B
        .Build()

(** ## Seeing: the overall rates favour B *)
for rec' in [ "A"; "B" ] do
    printfn "P(Buy | Recommender = %s)            = %O" rec' (recommender |> Model.probabilityExact (Buy := true) [ Rec := rec' ])

(** ## Stratifying: A wins in every income group *)
for income in [ "low"; "high" ] do
    for rec' in [ "A"; "B" ] do
        printfn "P(Buy | Recommender = %s, %-4s income) = %O" rec' income
            (recommender |> Model.probabilityExact (Buy := true) [ Rec := rec'; Income := income ])

(** ## Doing: deploy one recommender for everybody

The model's graph says which adjustment answers the causal question: income is the (only) minimal adjustment set. *)
let graph = recommender |> Model.graph
printfn "Adjustment sets for Recommender -> Buy: %A" (graph |> Admg.adjustmentSets [ "Recommender" ] [ "Buy" ])
for rec' in [ "A"; "B" ] do
    printfn "P(Buy | do(Recommender = %s))        = %O" rec' (recommender |> Model.doing [ Rec := rec' ] |> Model.probabilityExact (Buy := true) [])

(** The interventional answers equal the income-standardised rates 0.3·(10/400) + 0.7·(40/600) = 13/240 for A and
0.3·(4/200) + 0.7·(50/800) = 199/4000 for B: deploy A. The same conclusion from 200 000 simulated users, adjusting
for income in the sample: *)
let data = recommender |> Model.sample 2024 200_000
let adjusted rec' =
    [ "low"; "high" ]
    |> List.sumBy (fun income ->
        let stratum = data.Where([ Rec := rec'; Income := income ])
        float (stratum.Count([ Buy := true ])) / float stratum.RowCount * float (data.Count([ Income := income ])) / float data.RowCount)
printfn "From the sample: adjusted A = %.4f, adjusted B = %.4f" (adjusted "A") (adjusted "B")
