module CausalScript.Tests.Inference.FactorTests

open System
open Expecto
open CausalScript
open CausalScript.Models
open CausalScript.Inference

let private pool = [| for i in 0..5 -> Variable.Range(sprintf "v%d" i, 0, i % 3 + 1) |]

let private randomFactor (rng: Random) =
    let vars = pool |> Array.filter (fun _ -> rng.Next 2 = 0) |> Array.sortBy (fun _ -> rng.Next())
    let size = vars |> Array.fold (fun acc v -> acc * v.Size) 1
    Factor<Rational>.Create(vars, [ for _ in 1..size -> Rational(Numerics.BigInteger(rng.Next(0, 10)), Numerics.BigInteger(rng.Next(1, 5))) ])

/// Every full assignment of the variables (brute-force enumeration).
let rec private assignments (vars: Variable list) : Assignment list list =
    match vars with
    | [] -> [ [] ]
    | v :: rest -> [ for i in 0 .. v.Size - 1 do for tail in assignments rest -> v.Is(v.Domain.ValueAt i) :: tail ]

let private restrict (f: Factor<Rational>) (a: Assignment list) =
    f[a |> List.filter (fun x -> Seq.contains x.Variable f.Variables) |> Array.ofList]

[<Tests>]
let tests =
    testList "Inference.Factor" [
        testCase "row-major layout: the last variable varies fastest" <| fun () ->
            let s = Variable.Categorical("S", [ "no"; "yes" ])
            let c = Variable.Categorical("C", [ "no"; "yes" ])
            let f = Factor<float>.Create([ s; c ], [ 0.1; 0.2; 0.3; 0.4 ])
            Expect.equal f[s.Is "yes", c.Is "no"] 0.3 "S=yes, C=no"
            Expect.equal (f.Marginal([ c ]).Values |> List.ofSeq) [ 0.4; 0.6000000000000001 ] "marginal over C"
            Expect.equal (f.Reduce([ s.Is "no" ]).Values |> List.ofSeq) [ 0.1; 0.2 ] "reduce"
            Expect.stringContains (string f) "S = yes, C = no : 0.3" "table text"

        testCase "product, sum-out, reduce and divide equal brute-force enumeration (500 random pairs)" <| fun () ->
            let rng = Random 2026
            for _ in 1..500 do
                let a, b = randomFactor rng, randomFactor rng
                let p = a * b
                for x in assignments (List.ofSeq p.Variables) do
                    Expect.equal (restrict p x) (restrict a x * restrict b x) "product"
                let drop = p.Variables |> Seq.filter (fun _ -> rng.Next 2 = 0) |> List.ofSeq
                let s = p.SumOut drop
                for x in assignments (List.ofSeq s.Variables) do
                    let brute = assignments drop |> List.sumBy (fun d -> restrict p (x @ d) |> fun r -> r) 
                    Expect.equal (restrict s x) brute "sum-out"
                let evidence = [ for v in p.Variables do if rng.Next 3 = 0 then v.Is(v.Domain.ValueAt(rng.Next v.Size)) ]
                let r = p.Reduce evidence
                for x in assignments (List.ofSeq r.Variables) do
                    Expect.equal (restrict r x) (restrict p (x @ evidence)) "reduce"
                let m = p.Marginal(a.Variables)
                let q = p.Divide m
                for x in assignments (List.ofSeq q.Variables) do
                    let den = restrict m x
                    let expected = if den = Rational.Zero then Rational.Zero else restrict p x / den
                    Expect.equal (restrict q x) expected "divide"
                Expect.equal p.Total (assignments (List.ofSeq p.Variables) |> List.sumBy (restrict p)) "total"

        testCase "normalising a zero factor and dividing a non-zero value by zero are errors" <| fun () ->
            let x = Variable.Bool "x"
            let zero = Factor<float>.Create([ x ], [ 0.0; 0.0 ])
            let e = Expect.throwsC (fun () -> zero.Normalize() |> ignore) id
            Expect.stringContains e.Message "sum to zero" "normalise"
            let e = Expect.throwsC (fun () -> Factor<float>.Create([ x ], [ 1.0; 0.0 ]).Divide(zero) |> ignore) id
            Expect.stringContains e.Message "x = false" "names the cell"

        testCase "bad construction names the problem" <| fun () ->
            let x = Variable.Bool "x"
            let e = Expect.throwsC (fun () -> Factor<float>.Create([ x ], [ 1.0 ]) |> ignore) id
            Expect.stringContains e.Message "needs 2 values, got 1" "size"
            Expect.throwsT<CausalScriptException> (fun () -> Factor<float>.Create([ x; x ], [ 1.0; 2.0; 3.0; 4.0 ]) |> ignore) "repeated axis"
            Expect.throwsT<CausalScriptException> (fun () -> Factor<float>.Create([ Variable.Real "r" ], [ 1.0 ]) |> ignore) "continuous axis"
            Expect.throwsT<CausalScriptException> (fun () -> Factor<float>.Create([ x ], [ 1.0; 2.0 ]).SumOut([ Variable.Bool "y" ]) |> ignore) "unknown axis"
    ]
