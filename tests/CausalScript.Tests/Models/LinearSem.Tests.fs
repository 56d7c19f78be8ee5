/// Linear SEMs as ground truth for the graph criteria: in a linear model the regression coefficient of x given a valid
/// adjustment set, and the instrumental-variable ratio given a valid conditional instrument, equal the total effect.
module CausalScript.Tests.Models.LinearSemTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models

let private close (message: string) (expected: float) (actual: float) =
    if abs (expected - actual) > 1e-7 * max 1.0 (abs expected) then
        failtestf "%s: expected %.12g, got %.12g" message expected actual

/// A random ADMG (nodes in a random causal order, some latent) with random coefficients and a diagonally dominant
/// (hence positive-definite) noise covariance.
let private randomModel (rng: Random) =
    let n = rng.Next(4, 9)
    let names = [ for i in 0 .. n - 1 -> sprintf "v%d" i ] |> List.sortBy (fun _ -> rng.Next())
    let b = Admg.CreateBuilder().Nodes(names)
    let coefficients = ResizeArray<struct (string * string * float)>()
    let covariances = ResizeArray<struct (string * string * float)>()
    for i in 0 .. n - 1 do
        for j in i + 1 .. n - 1 do
            if rng.NextDouble() < 0.4 then
                b.Edge(names[i], names[j]) |> ignore
                let c = (0.3 + rng.NextDouble() * 1.2) * (if rng.Next 2 = 0 then -1.0 else 1.0)
                coefficients.Add(struct (names[i], names[j], c))
            if rng.NextDouble() < 0.12 then
                b.Bidirected(names[i], names[j]) |> ignore
                covariances.Add(struct (names[i], names[j], (rng.NextDouble() - 0.5) * 0.8))
    let latent = names |> List.filter (fun _ -> rng.NextDouble() < 0.2)
    if n - latent.Length >= 3 then b.Latent(latent) |> ignore
    let g = b.Build()
    let variances =
        [ for v in names ->
            let incident = covariances |> Seq.filter (fun (struct (a, c, _)) -> a = v || c = v) |> Seq.sumBy (fun (struct (_, _, c)) -> abs c)
            struct (v, 1.0 + incident) ]
    g, LinearSem.Create(g, coefficients, covariances, variances)

/// Observed causal pairs (x, y) with y a proper descendant of x.
let private causalPairs (g: Admg) =
    let o = g.ProjectLatents()
    [ for x in o.Nodes do
        for y in o.Descendants([ x ]) do
            if y <> x then x, y ]

[<Tests>]
let tests =
    testList "Models.LinearSem" [
        testCase "total effect = sum over directed paths of coefficient products; regression recovers it given the confounder" <| fun () ->
            let g = Admg.Parse "x -> m -> y; x <- c -> y; x -> y"
            let sem = LinearSem.Create(g, [ "x", "m", 2.0; "m", "y", 3.0; "c", "x", 0.5; "c", "y", 0.7; "x", "y", -1.0 ])
            close "B[y, x]" 5.0 (sem.TotalEffect("x", "y"))
            close "regression given {c}" 5.0 (sem.RegressionCoefficient("y", "x", [ "c" ]))
            Expect.isGreaterThan (abs (sem.RegressionCoefficient("y", "x", []) - 5.0)) 0.01 "unadjusted regression is confounded"
            close "no effect backwards" 0.0 (sem.TotalEffect("y", "x"))
            close "Var(c)" 1.0 (sem.Covariance("c", "c"))
            close "Cov(c, x)" 0.5 (sem.Covariance("c", "x"))

        testCase "bidirected covariances: IV ratio recovers the effect that regression cannot" <| fun () ->
            let g = Admg.Parse "z -> x -> y; x <-> y"
            let sem = LinearSem.Create(g, [ "z", "x", 0.8; "x", "y", 1.5 ], [ "x", "y", 0.6 ], [ "x", 2.0; "y", 2.0 ])
            close "IV ratio" 1.5 (sem.Covariance("z", "y") / sem.Covariance("z", "x"))
            Expect.isGreaterThan (abs (sem.RegressionCoefficient("y", "x", []) - 1.5)) 0.01 "OLS is biased"

        testCase "bad parameters name the edge or node" <| fun () ->
            let g = Admg.Parse "a -> b; a <-> b"
            let e = Expect.throwsC (fun () -> LinearSem.Create(g, [], [ "a", "b", 0.1 ]) |> ignore) id
            Expect.stringContains e.Message "a -> b has no coefficient" "missing coefficient"
            let e = Expect.throwsC (fun () -> LinearSem.Create(g, [ "a", "b", 1.0; "b", "a", 1.0 ], [ "a", "b", 0.1 ]) |> ignore) id
            Expect.stringContains e.Message "b -> a, which is not an edge" "coefficient for a non-edge"
            let e = Expect.throwsC (fun () -> LinearSem.Create(g, [ "a", "b", 1.0 ]) |> ignore) id
            Expect.stringContains e.Message "a <-> b has no covariance" "missing covariance"
            let e = Expect.throwsC (fun () -> LinearSem.Create(g, [ "a", "b", 1.0 ], [ "a", "b", 3.0 ]) |> ignore) id
            Expect.stringContains e.Message "not positive definite" "covariance"

        testCase "every listed adjustment set (all, minimal, canonical, optimal) regresses to the total effect (300 random linear ADMGs)" <| fun () ->
            let rng = Random 7
            let mutable checkedSets = 0
            for _ in 1..300 do
                let g, sem = randomModel rng
                for x, y in causalPairs g do
                    let effect = sem.TotalEffect(x, y)
                    let sets =
                        [ yield! g.ListAdjustmentSets([ x ], [ y ], maxResults = 20)
                          yield! g.ListMinimalAdjustmentSets([ x ], [ y ])
                          match g.CanonicalAdjustmentSet([ x ], [ y ]) with
                          | null -> ()
                          | z -> yield z
                          let o = g.OptimalAdjustmentSet([ x ], [ y ])
                          match o.Set with
                          | null -> ()
                          | s -> yield s ]
                    for z in sets do
                        close (sprintf "%O: β(%s | %s, %O)" g y x z) effect (sem.RegressionCoefficient(y, x, z))
                        checkedSets <- checkedSets + 1
            Expect.isGreaterThan checkedSets 500 "enough sets were checked"

        testCase "every conditional instrument's partial-covariance ratio is the total effect (300 random linear ADMGs)" <| fun () ->
            let rng = Random 8
            let mutable checkedInstruments = 0
            for _ in 1..300 do
                let g, sem = randomModel rng
                for x, y in causalPairs g do
                    for iv in g.ConditionalInstruments(x, y) do
                        let ratio = sem.PartialCovariance(iv.Instrument, y, iv.Given) / sem.PartialCovariance(iv.Instrument, x, iv.Given)
                        close (sprintf "%O: instrument %O for %s -> %s" g iv x y) (sem.TotalEffect(x, y)) ratio
                        checkedInstruments <- checkedInstruments + 1
            Expect.isGreaterThan checkedInstruments 100 "enough instruments were checked"

        testCase "m-separation implies zero partial covariance (global Markov property, 300 random linear ADMGs)" <| fun () ->
            let rng = Random 9
            for _ in 1..300 do
                let g, sem = randomModel rng
                let observed = g.ProjectLatents().Nodes |> List.ofSeq
                for ci in g.ImpliedIndependencies() do
                    let a, b = Seq.exactlyOne ci.X, Seq.exactlyOne ci.Y
                    close (sprintf "%O: %O" g ci) 0.0 (sem.PartialCovariance(a, b, ci.Given))
                ignore observed
    ]
