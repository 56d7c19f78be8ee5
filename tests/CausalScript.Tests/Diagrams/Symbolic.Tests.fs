/// The symbolic interpretation (src/CausalScript/Diagrams/Symbolic.cs): a diagram of a model becomes the expression of
/// the identification engine. The smoking model's diagrams give the expected formulas (canonical equality); on random
/// Markovian models the expression of the do/cut diagram, evaluated on the observational joint, equals the
/// interventional truth (surgery on the model) and the value of Identify.Effect's estimand in every cell; the
/// expression of FromModel(m) reproduces the joint; with latent variables, evaluated on the full model, it is still
/// the truth.
module CausalScript.Tests.Diagrams.SymbolicTests

open System
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference
open CausalScript.Diagrams
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Diagrams.DiagramTests

let private q (text: string) = Rational.Parse text

let private parse (text: string) = ExpressionParser.Parse text

/// Every assignment of codes to the variables.
let rec private cells (vars: Variable list) : (Variable * int) list list =
    match vars with
    | [] -> [ [] ]
    | v :: rest -> [ for k in 0 .. v.Size - 1 do for tail in cells rest -> (v, k) :: tail ]

let private env (cell: (Variable * int) list) = readOnlyDict [ for v, k in cell -> Symbol(v.Name, 0), k ]

let private at (cell: (Variable * int) list) = [| for v, k in cell -> v.Is(v.Domain.ValueAt k) |]

/// A random DAG model (no latent variables) with random rational tables.
let private markovian (rng: Random) =
    let g = toAdmg (randomGraph rng { dags with MinNodes = 2; MaxNodes = 6; PDirected = 0.5 })
    g, EstimandVerifier.RandomModel(g, rng.Next 100000)

/// Random disjoint X (1–2) and Y (1–2) among the observed variables.
let private randomXY (rng: Random) (m: Scm) =
    let vars = m.Observed |> Seq.sortBy (fun _ -> rng.Next()) |> List.ofSeq
    let nx = 1 + rng.Next(min 2 (vars.Length - 1))
    let xs = List.take nx vars
    let rest = List.skip nx vars
    xs, List.take (1 + rng.Next(min 2 rest.Length)) rest

[<Tests>]
let tests =
    testList "Diagrams.Symbolic" [
        testCase "smoking: ω is Σ_h P(h) P(s | h) P(t | s) P(c | t, h); do(S) and cut(S) give Σ_{h,t} P(h) P(t | s) P(c | t, h)" <| fun () ->
            let d = Diagram.FromModel smoking
            Expect.equal (Symbolic.Interpret d) (parse "sum_{H} P(H) P(S | H) P(T | S) P(C | T, H)") "ω"
            let surgery = parse "sum_{H, T} P(H) P(T | S) P(C | T, H)"
            Expect.equal (Symbolic.Interpret(d.Do(S.Is true).Marginal([ C ]))) surgery "do"
            Expect.equal (Symbolic.Interpret(d.Cut(S).Marginal([ C ]))) surgery "cut"
            Expect.equal (Symbolic.Interpret(d.Open(S).Marginal([ C ]))) surgery "open: the input is a free symbol too"
            Expect.equal (Symbolic.Interpret(d.Marginal([ S ]))) (parse "sum_{H} P(H) P(S | H)") "boxes nobody reads are summed out"
            let source = ModelDistribution smoking
            let value s c = ExpressionEvaluator.Evaluate(surgery, source, readOnlyDict [ Symbol("S", 0), s; Symbol("C", 0), c ])
            Expect.equal (value 0 1, value 1 1) (q "29/100", q "61/100") "evaluated on the full model"

        testCase "wires are symbols: copies share one, two wires of one variable get x and x′, inputs are free" <| fun () ->
            let two = Diagram.FromModel(smoking).Marginal([ S ]) * Diagram.FromModel(smoking).Marginal([ S ])
            Expect.equal (Symbolic.Interpret two) (parse "sum_{H, H'} P(H) P(S | H) P(H') P(S' | H')") "S and S′"
            Expect.equal (Symbolic.Interpret(Diagram.FromModel(smoking).SelectOutputs([ 0; 0 ]))) (parse "sum_{H} P(H) P(S | H)") "a copied output"
            let f = Box.Generator("f", [ S; T ], [ C ])
            Expect.equal (Symbolic.Interpret(Diagram.Of f)) (parse "P(C | S, T)") "a box"
            Expect.equal (Symbolic.Interpret((Diagram.Copy S).Then(Diagram.Of(Box.Generator("g", [ S; S ], [ C ]))))) (parse "P(C | S)") "one wire read twice"
            let e = ExpectSets.throws<DiagramException> (fun () -> Symbolic.Interpret((Diagram.Id [ S ] * Diagram.Id [ S ]).Then(Diagram.Of(Box.Generator("g", [ S; S ], [ C ])))) |> ignore) "two S wires"
            ExpectSets.contains e.Message "'g'" "names the box"
            Expect.equal (Symbolic.Interpret(Diagram.Uniform S)) Expression.One "a state alone: no factor"

        testCase "200 random Markovian models: the do/cut diagram's expression on the observational joint = surgery on the model = Identify.Effect's estimand, every cell" <| fun () ->
            let mutable nontrivial = 0
            for seed in 0..199 do
                let rng = Random(9000 + seed)
                let g, m = markovian rng
                try
                    let joint = JointDistribution(m.QueryExact(m.Observed))
                    let xs, ys = randomXY rng m
                    let d = Diagram.FromModel m
                    let byDo = Symbolic.Interpret(d.Do([| for x in xs -> x.Is(x.Domain.ValueAt 0) |]).Marginal(ys))
                    Expect.equal (Symbolic.Interpret(d.Cut(Array.ofList xs).Marginal(ys))) byDo "cut and do give one expression"
                    let estimand =
                        match Identify.Effect(g, CausalQuery.P(ys).Do(xs)) with
                        | :? Identified as i -> i.Estimand
                        | other -> failtestf "a Markovian query is identifiable: %O" other
                    if byDo.FreeSymbols.Count > ys.Length then nontrivial <- nontrivial + 1
                    for xcell in cells xs do
                        let truth = m.Do(at xcell).QueryExact(ys)
                        for ycell in cells ys do
                            let values = env (xcell @ ycell)
                            let expected = truth[at ycell]
                            let symbolic = ExpressionEvaluator.Evaluate(byDo, joint, values)
                            if symbolic <> expected then failtestf "%O at %A: %O, truth %O" byDo values symbolic expected
                            let id = ExpressionEvaluator.Evaluate(estimand, joint, values)
                            if id <> symbolic then failtestf "ID %O: %O, diagram %O: %O" estimand id byDo symbolic
                    // The observational diagram reproduces the joint.
                    let omega = Symbolic.Interpret d
                    let full = m.QueryExact(m.Observed)
                    for cell in cells (List.ofSeq m.Observed) do
                        Expect.equal (ExpressionEvaluator.Evaluate(omega, joint, env cell)) full[at cell] "ω"
                with e ->
                    failtestf "seed %d, graph %O: %s" (9000 + seed) g e.Message
            Expect.isGreaterThan nontrivial 60 "queries where X matters"

        testCase "150 random models with latent variables: the expression (sums over latents) evaluated on the full model = surgery" <| fun () ->
            let mutable latent = 0
            for seed in 0..149 do
                let rng = Random(9500 + seed)
                let g, m = PropertiesTests.randomModelOf { latentAdmgs with MaxNodes = 6 } rng
                try
                    if m.Latent.Count > 0 then latent <- latent + 1
                    let source = ModelDistribution m
                    let xs, ys = randomXY rng m
                    let e = Symbolic.Interpret((Diagram.FromModel m).Do([| for x in xs -> x.Is(x.Domain.ValueAt 0) |]).Marginal(ys))
                    for lat in m.Latent do
                        if e.FreeSymbols |> Seq.exists (fun s -> s.Variable = lat.Name) then failtestf "latent %s is free in %O" lat.Name e
                    for xcell in cells xs do
                        let truth = m.Do(at xcell).QueryExact(ys)
                        for ycell in cells ys do
                            let value = ExpressionEvaluator.Evaluate(e, source, env (xcell @ ycell))
                            if value <> truth[at ycell] then failtestf "%O at %A %A: %O, truth %O" e xcell ycell value truth[at ycell]
                with e ->
                    failtestf "seed %d, graph %O: %s" (9500 + seed) g e.Message
            Expect.isGreaterThan latent 100 "models with latents"
    ]
