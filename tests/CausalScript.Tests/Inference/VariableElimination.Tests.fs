module CausalScript.Tests.Inference.VariableEliminationTests

open System
open System.Numerics
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference

let private r (text: string) = Rational.Parse text

module VariableEliminationTestsHelpers =
    /// Every full assignment of the variables.
    let rec assignments (vars: Variable list) : Assignment list list =
        match vars with
        | [] -> [ [] ]
        | v :: rest -> [ for i in 0 .. v.Size - 1 do for tail in assignments rest -> v.Is(v.Domain.ValueAt i) :: tail ]

/// The smoking–tar–cancer network of string-diagrams.md §2.4 (genotype H latent), as exact CPT factors.
let private H = Variable.Categorical("H", [ "g0"; "g1" ])
let private S = Variable.Categorical("S", [ "no"; "yes" ])
let private T = Variable.Categorical("T", [ "low"; "high" ])
let private C = Variable.Categorical("C", [ "no"; "yes" ])
let private pH = Factor<Rational>.Create([ H ], [ r "1/2"; r "1/2" ])
let private pS = Factor<Rational>.Create([ H; S ], [ r "0.8"; r "0.2"; r "0.2"; r "0.8" ])
let private pT = Factor<Rational>.Create([ S; T ], [ r "0.9"; r "0.1"; r "0.1"; r "0.9" ])
let private pC = Factor<Rational>.Create([ T; H; C ], [ r "0.9"; r "0.1"; r "0.6"; r "0.4"; r "0.5"; r "0.5"; r "0.2"; r "0.8" ])

/// do(S = s) by truncated factorisation: P(S | H) is replaced by a point mass.
let private doS (value: string) =
    let point = Factor<Rational>.Create([ S ], [ for i in 0 .. 1 -> if S.Domain.Labels[i] = value then Rational.One else Rational.Zero ])
    [ pH; point; pT; pC ]

let private randomNetwork (rng: Random) =
    let n = rng.Next(3, 8)
    let vars = [| for i in 0 .. n - 1 -> Variable.Range(sprintf "x%d" i, 0, rng.Next(1, 3)) |]
    [ for i in 0 .. n - 1 do
        let parents = [ for j in 0 .. i - 1 do if rng.Next 3 = 0 then vars[j] ]
        let scope = parents @ [ vars[i] ]
        let rows = parents |> List.fold (fun acc v -> acc * v.Size) 1
        let values =
            [ for _ in 1..rows do
                let weights = [ for _ in 1 .. vars[i].Size -> rng.Next(0, 5) ]
                let total = max 1 (List.sum weights)
                let weights = if List.sum weights = 0 then 1 :: List.tail weights else weights
                for w in weights -> Rational(BigInteger w, BigInteger total) ]
        yield Factor<Rational>.Create(scope, values) ], vars

[<Tests>]
let tests =
    testList "Inference.VariableElimination" [
        testCase "smoking (string-diagrams.md §2.4): P(C=yes | do(S=no)) = 29/100, P(C=yes | do(S=yes)) = 61/100 exactly" <| fun () ->
            Expect.equal (VariableElimination.Query(doS "no", [ C ])[C.Is "yes"]) (r "29/100") "do(S = no)"
            Expect.equal (VariableElimination.Query(doS "yes", [ C ])[C.Is "yes"]) (r "61/100") "do(S = yes)"
            // The confounded observational conditional differs: P(C = yes | S = yes) = 7/10.
            Expect.equal (VariableElimination.Query([ pH; pS; pT; pC ], [ C ], [ S.Is "yes" ])[C.Is "yes"]) (r "7/10") "P(C | S)"

        testCase "queries equal brute force (full joint, reduce, marginalise) on 300 random networks" <| fun () ->
            let rng = Random 314
            for _ in 1..300 do
                let factors, vars = randomNetwork rng
                let joint = factors |> List.reduce (*)
                let shuffled = vars |> Array.sortBy (fun _ -> rng.Next())
                let query = shuffled |> Array.take (rng.Next(1, min 3 vars.Length + 1)) |> List.ofArray
                let evidence =
                    [ for v in shuffled |> Array.skip query.Length do
                        if rng.Next 3 = 0 then v.Is(v.Domain.ValueAt(rng.Next v.Size)) ]
                let reduced = joint.Reduce evidence
                if reduced.Total = Rational.Zero then
                    Expect.throwsT<CausalScriptException> (fun () -> VariableElimination.Query(factors, query, evidence) |> ignore) "zero evidence"
                else
                    let expected = reduced.Marginal(query).Normalize()
                    let actual = VariableElimination.Query(factors, query, evidence)
                    Expect.equal (List.ofSeq actual.Variables) query "axes in query order"
                    for x in VariableEliminationTestsHelpers.assignments query do
                        Expect.equal actual[Array.ofList x] expected[Array.ofList x] "P(query | evidence)"

        testCase "min-fill eliminates a chain without fill-in" <| fun () ->
            let vars = [ for i in 0..5 -> Variable.Bool(sprintf "c%d" i) ]
            let scopes = [ for i in 0..4 -> [ vars[i]; vars[i + 1] ] :> Collections.Generic.IReadOnlyList<Variable> ]
            let order = VariableElimination.MinFillOrder(scopes, vars |> List.take 5)
            // Eliminating an end of the chain never adds an edge; min-fill must start at c0 (the interior nodes would add one).
            Expect.equal order[0] vars[0] "starts at an end"

        testCase "errors name the variable: unknown query variable, queried-and-observed, zero-probability evidence" <| fun () ->
            let e = Expect.throwsC (fun () -> VariableElimination.Query(doS "no", [ Variable.Bool "Z" ]) |> ignore) id
            Expect.stringContains e.Message "'Z' is not a variable of the model" "unknown"
            let e = Expect.throwsC (fun () -> VariableElimination.Query(doS "no", [ C ], [ C.Is "no" ]) |> ignore) id
            Expect.stringContains e.Message "'C' is both queried and observed" "overlap"
            let e = Expect.throwsC (fun () -> VariableElimination.Query(doS "no", [ C ], [ S.Is "yes" ]) |> ignore) id
            Expect.stringContains e.Message "S = yes" "zero-probability evidence is named"
    ]
