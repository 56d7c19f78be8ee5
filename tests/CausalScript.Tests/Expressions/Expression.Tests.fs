/// Probability expressions (src/CausalScript/Expressions/Expression.cs, Terms.cs, Symbol.cs): the normalising smart
/// constructors, canonical equality (factor order, bound-index names), capture-avoiding Rename, and the text/LaTeX
/// renderings. The helpers and the seeded random-expression generator at the top are shared by the parser and
/// evaluator tests. Expected forms come from identification-algorithms.md §0/§1.7 and the documented rules, not from
/// the code's output.
module CausalScript.Tests.Expressions.ExpressionTests

open System
open Expecto
open CausalScript
open CausalScript.Expressions
open CausalScript.Inference
open CausalScript.Models
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Generators

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

/// "x''" → Symbol("x", 2).
let sym (text: string) =
    let name = text.TrimEnd('\'')
    Symbol(name, text.Length - name.Length)

/// P(outcomes | conditions), symbols written as "x", "x'".
let P (outcomes: string list) (conditions: string list) = Expression.P(List.map sym outcomes, List.map sym conditions)

/// P_do(outcomes | conditions).
let Pdo (outcomes: string list) (conditions: string list) (interventions: string list) =
    Expression.P(List.map sym outcomes, List.map sym conditions, List.map sym interventions)

let sum (indices: string list) (body: Expression) = Expression.Sum(List.map sym indices, body)
let prod (factors: Expression list) = Expression.Product(factors)
let frac (a: Expression) (b: Expression) = Expression.Fraction(a, b)
let q (text: string) = Rational.Parse text
let constant (text: string) = Expression.Const(q text)
let parse (text: string) = ExpressionParser.Parse text
let renaming (pairs: (string * string) list) : Collections.Generic.IReadOnlyDictionary<Symbol, Symbol> =
    readOnlyDict [ for a, b in pairs -> sym a, sym b ]

/// Canonical equality, with both texts in the failure message.
let same (actual: Expression) (expected: Expression) (message: string) =
    if not (actual.Equals expected) then failtestf "%s:\n  expected %O\n  got      %O" message expected actual
    if actual.GetHashCode() <> expected.GetHashCode() then failtestf "%s: equal expressions with different hash codes" message

let differ (a: Expression) (b: Expression) (message: string) =
    if a.Equals b then failtestf "%s: %O and %O must not be equal" message a b

let freeText (e: Expression) = e.FreeSymbols |> Seq.map string |> String.concat ","

// ---------------------------------------------------------------------------------------------------------------
// Seeded random expressions (shared with the parser and evaluator tests)
// ---------------------------------------------------------------------------------------------------------------

/// Variables of the random expressions that are evaluated (binary in `randomJoint`).
let evalPool = [ "a"; "b"; "c"; "x"; "y" ]

/// Variables exercising the text syntax: quoted names, digits, dots, non-ASCII letters.
let syntaxPool = [ "a"; "x"; "w1"; "Smoking"; "a b"; "1x"; "v.2"; "é"; "q\"" ]

/// A random atom over distinct variables of the pool: 1–2 outcomes, 0–2 conditions, sometimes an intervention;
/// each symbol gets 0–2 primes.
let randomAtom (rng: Random) (pool: string list) (allowDo: bool) =
    let vs = shuffle rng pool
    let k = 1 + rng.Next 2
    let c = rng.Next 3
    let d = if allowDo && rng.Next 5 = 0 then 1 else 0
    let symbol v = Symbol(v, (if rng.Next 4 = 0 then 1 + rng.Next 2 else 0))
    Expression.P(vs |> List.take k |> List.map symbol, vs |> List.skip k |> List.take c |> List.map symbol,
                 vs |> List.skip (k + c) |> List.take d |> List.map symbol)

/// A random expression built with the smart constructors: atoms, products (sometimes with a positive constant),
/// sums over a random part of the body's free symbols, and fractions.
let rec randomExpression (rng: Random) (pool: string list) (allowDo: bool) (depth: int) : Expression =
    let sub () = randomExpression rng pool allowDo (depth - 1)
    match (if depth <= 0 then 0 else rng.Next 7) with
    | 0 | 1 -> randomAtom rng pool allowDo
    | 2 | 3 ->
        let factors = [ for _ in 1 .. 2 + rng.Next 2 -> sub () ]
        let c = if rng.Next 5 = 0 then [ Expression.Const(Rational(bigint (1 + rng.Next 5), bigint (1 + rng.Next 5))) ] else []
        Expression.Product(c @ factors)
    | 4 | 5 ->
        let body = Expression.Product([ for _ in 1 .. 1 + rng.Next 3 -> sub () ])
        let free = List.ofSeq body.FreeSymbols
        if free.IsEmpty then body
        else Expression.Sum(free |> List.filter (fun _ -> rng.Next 2 = 0) |> (fun s -> if s.IsEmpty then [ free[rng.Next free.Length] ] else s), body)
    | _ -> Expression.Fraction(sub (), sub ())

/// The same expression with every bound index renamed to a fresh symbol (primes 10 + a counter, injective) and every
/// product's factors shuffled: alpha-equivalent and equal up to factor order.
let alphaShuffle (rng: Random) (e: Expression) =
    let counter = ref 10
    let rec go (e: Expression) : Expression =
        match e with
        | :? SumTerm as s ->
            let indices = shuffle rng (List.ofSeq s.Indices)
            let map =
                readOnlyDict [ for i in indices ->
                                   counter.Value <- counter.Value + 1
                                   i, Symbol(i.Variable, counter.Value) ]
            Expression.Sum(map.Values, (go s.Body).Rename(map))
        | :? ProductTerm as p -> Expression.Product(shuffle rng [ for f in p.Factors -> go f ])
        | :? FractionTerm as f -> Expression.Fraction(go f.Numerator, go f.Denominator)
        | _ -> e
    go e

/// Swaps the first outcome and the first condition of the n-th atom that has a condition (P(y | x) → P(x | y)):
/// same free symbols, usually a different function. None when there is no such atom.
let swapInAtom (n: int) (e: Expression) =
    let k = ref 0
    let rec go (e: Expression) : Expression =
        match e with
        | :? ProbabilityTerm as p when not p.Conditions.IsEmpty ->
            k.Value <- k.Value + 1
            if k.Value - 1 <> n then e
            else
                let o, c = p.Outcomes.Min, p.Conditions.Min
                Expression.P(p.Outcomes.Remove(o).Add(c), p.Conditions.Remove(c).Add(o), p.Interventions)
        | :? SumTerm as s -> Expression.Sum(s.Indices, go s.Body)
        | :? ProductTerm as p -> Expression.Product([ for f in p.Factors -> go f ])
        | :? FractionTerm as f -> Expression.Fraction(go f.Numerator, go f.Denominator)
        | _ -> e
    let result = go e
    if k.Value > n then Some result else None

/// A strictly positive random joint over binary variables (weights 1–9, exact rationals).
let randomJoint (rng: Random) (names: string list) =
    let vars = [ for n in names -> Variable.Bool n ]
    let weights = [ for _ in 1 .. 1 <<< vars.Length -> rng.Next(1, 10) ]
    let total = List.sum weights
    Factor<Rational>.Create(vars, [ for w in weights -> Rational(w, total) ])

/// The expression's values over its free symbols (exact).
let table (e: Expression) (joint: Factor<Rational>) = List.ofSeq (e.Table(joint).Values)

/// A rough count of the atom evaluations one evaluation needs (each Σ multiplies its body by 2^indices).
let rec evaluationCost (e: Expression) : int =
    match e with
    | :? SumTerm as s -> min 1000000 ((1 <<< s.Indices.Count) * evaluationCost s.Body)
    | :? ProductTerm as p -> p.Factors |> Seq.sumBy evaluationCost
    | :? FractionTerm as f -> evaluationCost f.Numerator + evaluationCost f.Denominator
    | _ -> 1

/// The values at a few random binary assignments of the given symbols (cheaper than the whole table).
let valuesAt (rng: Random) (symbols: Symbol seq) (count: int) =
    let symbols = List.ofSeq symbols
    let points = [ for _ in 1 .. count -> readOnlyDict [ for s in symbols -> s, rng.Next 2 ] ]
    fun (e: Expression) (joint: Factor<Rational>) -> [ for p in points -> e.Evaluate(JointDistribution<Rational>(joint), p) ]

// ---------------------------------------------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------------------------------------------

let private normalisation =
    testList "normalisation" [
        testCase "products are flattened: (a b) (c d) has four factors, none a product" <| fun () ->
            match prod [ prod [ P [ "a" ] []; P [ "b" ] [] ]; prod [ P [ "c" ] []; P [ "x" ] [] ] ] with
            | :? ProductTerm as p ->
                Expect.equal p.Factors.Length 4 "four factors"
                Expect.isFalse (p.Factors |> Seq.exists (fun f -> f :? ProductTerm)) "no nested product"
            | e -> failtestf "expected a product, got %O" e
        testCase "1s are dropped: 1 · P(x) · (1 · 1) is the atom P(x)" <| fun () ->
            let e = prod [ Expression.One; P [ "x" ] []; prod [ Expression.One; Expression.One ] ]
            Expect.isTrue (e :? ProbabilityTerm) $"an atom, got {e}"
            same e (P [ "x" ] []) "1 · P(x)"
            Expect.isTrue (obj.ReferenceEquals(prod [], Expression.One)) "the empty product is the constant 1"
        testCase "constants are folded: 1/2 · P(x) · 2/3 = 1/3 P(x)" <| fun () ->
            match prod [ constant "1/2"; P [ "x" ] []; constant "2/3" ] with
            | :? ProductTerm as p ->
                Expect.equal p.Factors.Length 2 "one constant and the atom"
                match p.Factors[0] with
                | :? ConstantTerm as c -> Expect.equal c.Value (q "1/3") "folded constant"
                | f -> failtestf "expected the constant first, got %O" f
            | e -> failtestf "expected a product, got %O" e
        testCase "0 absorbs a product (and a fraction's numerator)" <| fun () ->
            let e = prod [ P [ "x" ] []; Expression.Zero; sum [ "y" ] (prod [ P [ "y" ] [ "x" ]; P [ "a" ] [ "y" ] ]) ]
            Expect.isTrue (obj.ReferenceEquals(e, Expression.Zero)) $"0, got {e}"
            Expect.isTrue (obj.ReferenceEquals(frac Expression.Zero (P [ "y" ] []), Expression.Zero)) "0 / P(y)"
            Expect.isTrue (obj.ReferenceEquals(prod [ constant "1/2"; constant "0" ], Expression.Zero)) "1/2 · 0"
        testCase "a fraction over 1 is its numerator; over the constant 0 it is an error" <| fun () ->
            same (frac (P [ "y" ] [ "x" ]) Expression.One) (P [ "y" ] [ "x" ]) "P(y|x) / 1"
            ExpectSets.throws<CausalScriptException> (fun () -> frac (P [ "y" ] []) Expression.Zero |> ignore) "P(y) / 0" |> ignore
        testCase "empty sums vanish, and so do indices the body does not mention" <| fun () ->
            let body = prod [ P [ "y" ] [ "x" ]; P [ "x" ] [] ]
            Expect.isTrue (obj.ReferenceEquals(sum [] body, body)) "Σ_∅ E = E"
            Expect.isTrue (obj.ReferenceEquals(sum [ "z" ] body, body)) "Σ_z E = E when E does not mention z"
            match sum [ "z"; "x" ] body with
            | :? SumTerm as s -> Expect.equal (List.ofSeq s.Indices) [ sym "x" ] "only x stays an index"
            | e -> failtestf "expected a sum, got %O" e
        testCase "nested sums merge: Σ_w Σ_v P(a | v, w) P(v, w) is one sum over {v, w}" <| fun () ->
            let body = prod [ P [ "a" ] [ "v"; "w" ]; P [ "v"; "w" ] [] ]
            match sum [ "w" ] (sum [ "v" ] body) with
            | :? SumTerm as s ->
                Expect.equal (List.ofSeq s.Indices) [ sym "v"; sym "w" ] "indices"
                Expect.isFalse (s.Body :? SumTerm) "the body is not a sum any more"
                same s (sum [ "v"; "w" ] body) "same as one sum"
            | e -> failtestf "expected a sum, got %O" e
        testCase "Σ_y P(y, a | c) = P(a | c); Σ_y P(y | c) = 1; Σ_{y,a} P(y, a | c) = 1; also under do()" <| fun () ->
            same (sum [ "y" ] (P [ "y"; "a" ] [ "c" ])) (P [ "a" ] [ "c" ]) "Σ_y P(y, a | c)"
            Expect.isTrue (obj.ReferenceEquals(sum [ "y" ] (P [ "y" ] [ "c" ]), Expression.One)) "Σ_y P(y | c)"
            Expect.isTrue (obj.ReferenceEquals(sum [ "y"; "a" ] (P [ "y"; "a" ] [ "c" ]), Expression.One)) "Σ_{y,a} P(y, a | c)"
            same (sum [ "y" ] (Pdo [ "y"; "a" ] [ "c" ] [ "x" ])) (Pdo [ "a" ] [ "c" ] [ "x" ]) "Σ_y P_x(y, a | c)"
        testCase "an index that is only a condition is not summed out: Σ_c P(y | c) stays a sum" <| fun () ->
            match sum [ "c" ] (P [ "y" ] [ "c" ]) with
            | :? SumTerm as s -> same s.Body (P [ "y" ] [ "c" ]) "body"
            | e -> failtestf "expected a sum, got %O" e
        testCase "in a product, an index held by one atom as an outcome sums that atom out: Σ_y P(y | x) P(w | z) = P(w | z)" <| fun () ->
            same (sum [ "y" ] (prod [ P [ "y" ] [ "x" ]; P [ "w" ] [ "z" ] ])) (P [ "w" ] [ "z" ]) "Σ_y P(y|x) P(w|z)"
            same (sum [ "a"; "b" ] (prod [ P [ "a" ] [ "b" ]; P [ "b" ] [ "c" ] ])) Expression.One "Σ_{a,b} P(a|b) P(b|c)"
            same (sum [ "b"; "a" ] (prod [ P [ "b" ] [ "a" ]; P [ "a" ] [] ])) Expression.One "Σ_{a,b} P(b|a) P(a)"
        testCase "regression: an index left without a holder after an atom is summed out is dropped, as unused indices are" <| fun () ->
            // Σ_{b,y} P(b | y) P(w) used to keep Σ_y over nothing: printed "(sum_{y} 1) P(w)", which parses back as P(w)
            // and evaluated to 2 P(w); the nested form Σ_y Σ_b P(b | y) P(w) already gave P(w).
            let merged = sum [ "b"; "y" ] (prod [ P [ "b" ] [ "y" ]; P [ "w" ] [] ])
            same merged (P [ "w" ] []) "Σ_{b,y} P(b | y) P(w)"
            same merged (sum [ "y" ] (sum [ "b" ] (prod [ P [ "b" ] [ "y" ]; P [ "w" ] [] ]))) "same as the nested form"
            Expect.isTrue (obj.ReferenceEquals(sum [ "b"; "y" ] (P [ "b" ] [ "y" ]), Expression.One)) "Σ_{b,y} P(b | y) alone"
            same (sum [ "a"; "c" ] (P [ "a"; "b" ] [ "c" ])) (sum [ "c" ] (P [ "b" ] [ "c" ])) "Σ_{a,c} P(a, b | c) = Σ_c P(b | c)"
        testCase "regression: summing out repeats until nothing changes, so the normal form does not depend on the index names" <| fun () ->
            // Σ_{a,b,e} P(a | c) P(b | a) P(e | f) P(w | e): b sums P(b | a) out, which leaves P(a | c) the only holder of a.
            let e = sum [ "a"; "b"; "e" ] (prod [ P [ "a" ] [ "c" ]; P [ "b" ] [ "a" ]; P [ "e" ] [ "f" ]; P [ "w" ] [ "e" ] ])
            let expected = sum [ "e" ] (prod [ P [ "e" ] [ "f" ]; P [ "w" ] [ "e" ] ])
            same e expected "normal form"
            Expect.equal (e.ToText()) (expected.ToText()) "same tree"
            Expect.equal ((parse (e.ToText())).ToText()) (e.ToText()) "printing is a fixpoint of parsing"
        testCase "factors free of the index move out of the sum: Σ_z P(w) P(y | x, z) P(z) = P(w) Σ_z P(y | x, z) P(z)" <| fun () ->
            match sum [ "z" ] (prod [ P [ "w" ] []; P [ "y" ] [ "x"; "z" ]; P [ "z" ] [] ]) with
            | :? ProductTerm as p ->
                Expect.equal p.Factors.Length 2 "P(w) and the sum"
                let atom = p.Factors |> Seq.find (fun f -> f :? ProbabilityTerm)
                same atom (P [ "w" ] []) "the factor outside"
                match p.Factors |> Seq.tryFind (fun f -> f :? SumTerm) with
                | Some(:? SumTerm as s) ->
                    Expect.equal (List.ofSeq s.Indices) [ sym "z" ] "index"
                    Expect.isFalse (s.Body.FreeSymbols.Contains(sym "w")) "w is not inside the sum"
                | _ -> failtestf "expected a sum factor in %O" p
            | e -> failtestf "expected a product, got %O" e
        testCase "free symbols: Σ_z P(y | x, z) P(z) depends on x, y; Σ_{x'} P(y | x', m) P(x') on m, y" <| fun () ->
            Expect.equal (freeText (sum [ "z" ] (prod [ P [ "y" ] [ "x"; "z" ]; P [ "z" ] [] ]))) "x,y" "E1"
            Expect.equal (freeText (sum [ "x'" ] (prod [ P [ "y" ] [ "x'"; "m" ]; P [ "x'" ] [] ]))) "m,y" "inner front-door sum"
            Expect.equal (freeText (Pdo [ "y" ] [ "z" ] [ "x" ])) "x,y,z" "P_x(y | z)"
        testCase "an atom may not mention a variable twice (x and x′ are the same variable)" <| fun () ->
            ExpectSets.throws<CausalScriptException> (fun () -> P [ "x" ] [ "x'" ] |> ignore) "P(x | x')" |> ignore
            ExpectSets.throws<CausalScriptException> (fun () -> Pdo [ "y" ] [] [ "y" ] |> ignore) "P_y(y)" |> ignore
    ]

let private equality =
    testList "canonical equality" [
        testCase "factor order does not matter" <| fun () ->
            same (prod [ P [ "y" ] [ "x"; "z" ]; P [ "z" ] [] ]) (prod [ P [ "z" ] []; P [ "y" ] [ "x"; "z" ] ]) "two atoms"
            same (sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; sum [ "x'" ] (prod [ P [ "y" ] [ "x'"; "m" ]; P [ "x'" ] [] ]) ]))
                 (sum [ "m" ] (prod [ sum [ "x'" ] (prod [ P [ "x'" ] []; P [ "y" ] [ "m"; "x'" ] ]); P [ "m" ] [ "x" ] ])) "front door"
        testCase "bound indices can be renamed (alpha-equivalence), at every depth" <| fun () ->
            let fd i = sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; sum [ i ] (prod [ P [ "y" ] [ i; "m" ]; P [ i ] [] ]) ])
            same (fd "x'") (fd "x''") "Σ_{x'} vs Σ_{x''}"
            same (sum [ "m'" ] (prod [ P [ "m'" ] [ "x" ]; P [ "y" ] [ "m'" ] ])) (sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; P [ "y" ] [ "m" ] ])) "Σ_{m'} vs Σ_m"
        testCase "alpha-equivalence with two indices of one variable: Σ_{x,x′} P(w | x) P(y | x′) = Σ_{x,x′} P(w | x′) P(y | x)" <| fun () ->
            // Regression: the canonical form named same-variable indices by their sorted position only, so this pair
            // (one is the other with x and x′ swapped) compared unequal.
            same (sum [ "x"; "x'" ] (prod [ P [ "w" ] [ "x" ]; P [ "y" ] [ "x'" ] ])) (sum [ "x"; "x'" ] (prod [ P [ "w" ] [ "x'" ]; P [ "y" ] [ "x" ] ])) "swapped"
            differ (sum [ "x"; "x'" ] (prod [ P [ "w" ] [ "x"; "a" ]; P [ "y" ] [ "x'" ] ])) (sum [ "x"; "x'" ] (prod [ P [ "w" ] [ "x"; "a" ]; P [ "y" ] [ "x" ] ])) "not a renaming"
        testCase "unequal expressions stay unequal" <| fun () ->
            let fd outer = sum [ "m" ] (prod [ P [ "m" ] [ outer ]; sum [ "x'" ] (prod [ P [ "y" ] [ "x'"; "m" ]; P [ "x'" ] [] ]) ])
            differ (fd "x") (fd "x'") "free x vs free x′ around a bound x′"
            differ (P [ "y" ] [ "x" ]) (P [ "x" ] [ "y" ]) "outcome and condition swapped"
            differ (P [ "y" ] [ "x" ]) (Pdo [ "y" ] [] [ "x" ]) "conditioning vs intervening"
            differ (P [ "y" ] [ "x" ]) (P [ "y" ] [ "x'" ]) "free primes matter"
            differ (frac (P [ "y" ] []) (P [ "x" ] [])) (frac (P [ "x" ] []) (P [ "y" ] [])) "fraction upside down"
            differ (prod [ constant "1/2"; P [ "x" ] [] ]) (prod [ constant "1/3"; P [ "x" ] [] ]) "constants"
            differ (sum [ "z" ] (prod [ P [ "y" ] [ "x"; "z" ]; P [ "z" ] [] ])) (sum [ "z" ] (prod [ P [ "y" ] [ "x"; "z" ]; P [ "z" ] [ "x" ] ])) "adjustment vs mediation formula"
            differ (prod [ sum [ "z" ] (P [ "y" ] [ "z" ]); P [ "w" ] [] ]) (sum [ "z" ] (prod [ P [ "y" ] [ "z" ]; P [ "w" ] [ "z" ] ])) "scope of a sum"
            differ (P [ "x" ] []) (Expression.One) "atom vs 1"
        testCase "property: alpha-renamed, factor-shuffled copies are equal (300 seeded random expressions)" <| fun () ->
            for seed in 0 .. 299 do
                let rng = Random(seed)
                let e = randomExpression rng evalPool true 4
                let copy = alphaShuffle rng e
                if not (copy.Equals e) then failtestf "seed %d: %O\n  and its alpha-renamed copy %O compare unequal" seed e copy
                if copy.GetHashCode() <> e.GetHashCode() then failtestf "seed %d: hash codes differ for %O" seed e
        testCase "property: equal expressions have equal values, and an outcome/condition swap that changes the value is unequal" <| fun () ->
            let mutable changed = 0
            let mutable evaluated = 0
            for seed in 0 .. 299 do
                let rng = Random(seed)
                let e = randomExpression rng evalPool false 3
                if evaluationCost e <= 600 then
                    evaluated <- evaluated + 1
                    let joint = randomJoint rng evalPool
                    let copy = alphaShuffle rng e
                    let values = valuesAt rng e.FreeSymbols 4
                    if values copy joint <> values e joint then failtestf "seed %d: %O and its alpha copy evaluate differently" seed e
                    match swapInAtom 0 e with
                    | Some m when m.FreeSymbols.SetEquals e.FreeSymbols ->
                        let different = values m joint <> values e joint
                        if different then changed <- changed + 1
                        if different && m.Equals e then failtestf "seed %d: %O and %O differ in value but compare equal" seed e m
                    | _ -> ()
            Expect.isGreaterThan evaluated 200 "most random expressions are cheap enough to evaluate"
            Expect.isGreaterThan changed 60 "the mutation changes the value in most cases (the property is not vacuous)"
    ]

let private rename =
    testList "Rename" [
        testCase "renames free symbols" <| fun () ->
            same ((P [ "y" ] [ "x" ]).Rename(renaming [ "x", "x'" ])) (P [ "y" ] [ "x'" ]) "P(y | x) with x ↦ x′"
        testCase "renaming is simultaneous: swapping x and x′ across factors" <| fun () ->
            same ((prod [ P [ "a" ] [ "x" ]; P [ "b" ] [ "x'" ] ]).Rename(renaming [ "x", "x'"; "x'", "x" ]))
                 (prod [ P [ "a" ] [ "x'" ]; P [ "b" ] [ "x" ] ]) "swap"
        testCase "bound indices are untouched" <| fun () ->
            let e = sum [ "x" ] (prod [ P [ "y" ] [ "x" ]; P [ "x" ] [ "z" ] ])
            let r = e.Rename(renaming [ "x", "w" ])
            same r e "Σ_x … with x ↦ w"
            Expect.equal (r.ToText()) (e.ToText()) "not even the bound name changes"
            same (e.Rename(renaming [ "z", "z'" ])) (sum [ "x" ] (prod [ P [ "y" ] [ "x" ]; P [ "x" ] [ "z'" ] ])) "free z inside the sum is renamed"
        testCase "capture is avoided: Σ_{x′} P(x′ | w) P(y | x′)/P(y | x) with x ↦ x′ renames the bound x′ first" <| fun () ->
            let e = sum [ "x'" ] (prod [ P [ "x'" ] [ "w" ]; frac (P [ "y" ] [ "x'" ]) (P [ "y" ] [ "x" ]) ])
            let r = e.Rename(renaming [ "x", "x'" ])
            same r (sum [ "x''" ] (prod [ P [ "x''" ] [ "w" ]; frac (P [ "y" ] [ "x''" ]) (P [ "y" ] [ "x'" ]) ])) "renamed"
            differ r (sum [ "x'" ] (prod [ P [ "x'" ] [ "w" ]; frac (P [ "y" ] [ "x'" ]) (P [ "y" ] [ "x'" ]) ])) "the captured (wrong) result"
            Expect.isTrue (r.FreeSymbols.Contains(sym "x'")) "x′ is free in the result"
        testCase "capture is avoided in a nested sum: the front door with x ↦ x′" <| fun () ->
            let fd = sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; sum [ "x'" ] (prod [ P [ "y" ] [ "x'"; "m" ]; P [ "x'" ] [] ]) ])
            same (fd.Rename(renaming [ "x", "x'" ]))
                 (sum [ "m" ] (prod [ P [ "m" ] [ "x'" ]; sum [ "x''" ] (prod [ P [ "y" ] [ "x''"; "m" ]; P [ "x''" ] [] ]) ])) "renamed"
    ]

let private rendering =
    testList "ToText and ToLatex" [
        testCase "the front-door formula (design §1.7 E2) in text and LaTeX, as documented on Expression.ToLatex" <| fun () ->
            let fd = sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; sum [ "x'" ] (prod [ P [ "y" ] [ "x'"; "m" ]; P [ "x'" ] [] ]) ])
            Expect.equal (fd.ToText()) "sum_{m} P(m | x) sum_{x'} P(y | m, x') P(x')" "text"
            Expect.equal (fd.ToLatex()) @"\sum_{m} P(m \mid x) \sum_{x'} P(y \mid m, x') P(x')" "LaTeX"
        testCase "a sum that is not the last factor is parenthesised (it extends to the end of its product)" <| fun () ->
            let e = prod [ sum [ "x" ] (prod [ P [ "x" ] [ "z" ]; P [ "y" ] [ "x" ] ]); P [ "w" ] [ "y" ] ]
            Expect.equal (e.ToText()) "(sum_{x} P(x | z) P(y | x)) P(w | y)" "text"
            Expect.equal (e.ToLatex()) @"\left(\sum_{x} P(x \mid z) P(y \mid x)\right) P(w \mid y)" "LaTeX"
        testCase "fractions, interventions, constants, subscripts and multi-letter names" <| fun () ->
            let napkin = frac (sum [ "w1" ] (prod [ P [ "w1" ] []; P [ "x"; "y" ] [ "w1"; "w2" ] ])) (sum [ "w1" ] (prod [ P [ "w1" ] []; P [ "x" ] [ "w1"; "w2" ] ]))
            Expect.equal (napkin.ToText()) "[sum_{w1} P(w1) P(x, y | w1, w2)] / [sum_{w1} P(w1) P(x | w1, w2)]" "napkin text"
            Expect.equal (napkin.ToLatex()) @"\frac{\sum_{w_{1}} P(w_{1}) P(x, y \mid w_{1}, w_{2})}{\sum_{w_{1}} P(w_{1}) P(x \mid w_{1}, w_{2})}" "napkin LaTeX"
            Expect.equal ((Pdo [ "y" ] [ "z" ] [ "x" ]).ToText()) "P(y | do(x), z)" "do text"
            Expect.equal ((Pdo [ "y" ] [ "z" ] [ "x" ]).ToLatex()) @"P_{x}(y \mid z)" "do LaTeX"
            Expect.equal ((prod [ constant "1/2"; P [ "Age" ] [ "Smoking" ] ]).ToLatex()) @"\frac{1}{2} P(\mathit{age} \mid \mathit{smoking})" "constant and names"
            Expect.equal ((prod [ constant "1/2"; P [ "Age" ] [ "Smoking" ] ]).ToText()) "1/2 P(Age | Smoking)" "constant text"
            Expect.equal ((P [ "a b" ] [ "x''" ]).ToText()) "P(\"a b\" | x'')" "quoted name, primes"
    ]

[<Tests>]
let tests = testList "Expressions.Expression" [ normalisation; equality; rename; rendering ]
