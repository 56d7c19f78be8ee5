/// Evaluating expressions on an observational joint (src/CausalScript/Expressions/ExpressionEvaluator.cs): the
/// front-door estimand on the smoking examples of string-diagrams.md (§2.4: exactly 29/100 and 61/100; §2.1–2.3, the
/// JKZ ω tables: 8783/34650 and 4013/7400, …), tables over free symbols, scoping of bound indices, positivity and the
/// error cases. Joints are computed here from the design's tables, independently of the model code.
module CausalScript.Tests.Expressions.ExpressionEvaluatorTests

open System
open Expecto
open CausalScript
open CausalScript.Expressions
open CausalScript.Inference
open CausalScript.Models
open CausalScript.Tests.Graphs
open CausalScript.Tests.Expressions.ExpressionTests
open CausalScript.Data

let private S, T, C = Variable.Bool "S", Variable.Bool "T", Variable.Bool "C"

/// A joint over S, T, C from its eight cells in the design's row order 000, 001, …, 111 (S slowest, C fastest).
let private stc (cells: Rational list) = Factor<Rational>.Create([ S; T; C ], cells)

/// A dataset over binary variables with the given count of rows per cell (cells in row-major order, first variable
/// slowest).
let private rows (vars: Variable list) (counts: int list) =
    let k = vars.Length
    let cells = [ for i, n in List.indexed counts do for _ in 1 .. n -> [ for j in 0 .. k - 1 -> (i >>> (k - 1 - j)) &&& 1 ] ]
    CausalScript.Data.Dataset.FromColumns([ for j, v in List.indexed vars -> struct (v, (cells |> List.map (fun c -> c[j]) |> Array.ofList) :> Array) ])

let private bern (p: Rational) (v: int) = if v = 1 then p else Rational.One - p

/// string-diagrams.md §2.4: H ~ Bern(1/2), P(S=1|H) = 1/5, 4/5, P(T=1|S) = 1/10, 9/10,
/// P(C=1|T,H) = (0,0) 1/10, (0,1) 2/5, (1,0) 1/2, (1,1) 4/5.
let private pS1 = [| q "1/5"; q "4/5" |]
let private pT1 = [| q "1/10"; q "9/10" |]
let private pC1 = array2D [ [ q "1/10"; q "2/5" ]; [ q "1/2"; q "4/5" ] ] // [t, h]

/// The observational joint of §2.4, H summed out by hand.
let smokingCells =
    [ for s in 0 .. 1 do
        for t in 0 .. 1 do
            for c in 0 .. 1 ->
                List.sum [ for h in 0 .. 1 -> q "1/2" * bern pS1[h] s * bern pT1[s] t * bern pC1[t, h] c ] ]

/// P(C=1 | do(S=s)) by surgery on the full model (H kept), by hand.
let private smokingTruth s = List.sum [ for h in 0 .. 1 do for t in 0 .. 1 -> q "1/2" * bern pT1[s] t * bern pC1[t, h] 1 ]

/// The JKZ ω tables (string-diagrams.md §2.1), cells 000 … 111.
let private omega1 = [ "0.50"; "0.10"; "0.01"; "0.02"; "0.10"; "0.05"; "0.02"; "0.20" ] |> List.map q
let private omega2 = [ "0.14"; "0.05"; "0.16"; "0.05"; "0.10"; "0.21"; "0.10"; "0.19" ] |> List.map q
let private omega3 = [ "0.30"; "0.05"; "0.20"; "0.05"; "0.05"; "0.05"; "0.25"; "0.05" ] |> List.map q

/// The front-door formula of string-diagrams.md §1.6 for the smoking graph S → T → C, S ↔ C.
let private frontDoor = lazy (parse "sum_{T} P(T | S) sum_{S'} P(C | S', T) P(S')")

let private at (pairs: (string * int) list) : Collections.Generic.IReadOnlyDictionary<Symbol, int> =
    readOnlyDict [ for n, v in pairs -> sym n, v ]

let private value (e: Expression) (joint: Factor<Rational>) (pairs: (string * int) list) =
    e.Evaluate(JointDistribution<Rational>(joint), at pairs)

let private toFloat (r: Rational) = float r.Numerator / float r.Denominator

[<Tests>]
let tests =
    testList "Expressions.ExpressionEvaluator" [
        testList "smoking, string-diagrams.md §2.4" [
            testCase "the hand-computed joint is the design's ω (189/500, 9/125, …)" <| fun () ->
                Expect.equal smokingCells
                    ([ "189/500"; "9/125"; "11/500"; "7/250"; "33/1000"; "17/1000"; "117/1000"; "333/1000" ] |> List.map q) "ω"
            testCase "the front-door estimand gives exactly 29/100 and 61/100 (= surgery on the full model)" <| fun () ->
                let joint = stc smokingCells
                Expect.equal (value frontDoor.Value joint [ "S", 0; "C", 1 ]) (q "29/100") "P(C=1 | do(S=0))"
                Expect.equal (value frontDoor.Value joint [ "S", 1; "C", 1 ]) (q "61/100") "P(C=1 | do(S=1))"
                Expect.equal (value frontDoor.Value joint [ "S", 0; "C", 0 ]) (q "71/100") "P(C=0 | do(S=0))"
                Expect.equal (value frontDoor.Value joint [ "S", 1; "C", 0 ]) (q "39/100") "P(C=0 | do(S=1))"
                Expect.equal (smokingTruth 0, smokingTruth 1) (q "29/100", q "61/100") "surgery by hand agrees with the design"
            testCase "the naive conditional P(C | S) gives 1/5 and 7/10" <| fun () ->
                let joint = stc smokingCells
                Expect.equal (value (P [ "C" ] [ "S" ]) joint [ "S", 0; "C", 1 ]) (q "1/5") "P(C=1 | S=0)"
                Expect.equal (value (P [ "C" ] [ "S" ]) joint [ "S", 1; "C", 1 ]) (q "7/10") "P(C=1 | S=1)"
            testCase "in doubles the front door gives 0.29 and 0.61 (1e-12)" <| fun () ->
                let joint = Factor<float>.Create([ S; T; C ], smokingCells |> List.map toFloat)
                let v s : float = frontDoor.Value.Evaluate<float>(JointDistribution<float>(joint), at [ "S", s; "C", 1 ])
                Expect.floatClose { absolute = 1e-12; relative = 0.0 } (v 0) 0.29 "do(S=0)"
                Expect.floatClose { absolute = 1e-12; relative = 0.0 } (v 1) 0.61 "do(S=1)"
            testCase "Table: axes are the free symbols, each do(S=s) row sums to 1" <| fun () ->
                let t = frontDoor.Value.Table(stc smokingCells)
                Expect.equal [ for v in t.Variables -> v.Name ] [ "C"; "S" ] "axes (free symbols, sorted)"
                Expect.equal (List.ofSeq t.Values) ([ "71/100"; "39/100"; "29/100"; "61/100" ] |> List.map q) "C slowest, S fastest"
        ]
        testList "JKZ ω tables, string-diagrams.md §2.1–2.3" ([
            for name, cells, naive, effect in
                [ "ω1", omega1, ("4/21", "25/37"), ("8783/34650", "4013/7400")
                  "ω2", omega2, ("1/4", "2/3"), ("449/899", "599/1197")
                  "ω3", omega3, ("1/6", "1/4"), ("11/45", "37/175") ] ->
                testCase (sprintf "%s: P(C=1|do(S)) = %s, %s; P(C=1|S) = %s, %s" name (fst effect) (snd effect) (fst naive) (snd naive)) <| fun () ->
                    let joint = stc cells
                    Expect.equal (value frontDoor.Value joint [ "S", 0; "C", 1 ]) (q (fst effect)) "do(S=0)"
                    Expect.equal (value frontDoor.Value joint [ "S", 1; "C", 1 ]) (q (snd effect)) "do(S=1)"
                    Expect.equal (value (P [ "C" ] [ "S" ]) joint [ "S", 0; "C", 1 ]) (q (fst naive)) "P(C=1|S=0)"
                    Expect.equal (value (P [ "C" ] [ "S" ]) joint [ "S", 1; "C", 1 ]) (q (snd naive)) "P(C=1|S=1)" ] @ [
            testCase "ω1: the back-door by-product Σ_s P(C | s, T) P(s) = 137/600 and 208/275" <| fun () ->
                let e = parse "sum_{S} P(C | S, T) P(S)"
                Expect.equal (value e (stc omega1) [ "T", 0; "C", 1 ]) (q "137/600") "do(T=0)"
                Expect.equal (value e (stc omega1) [ "T", 1; "C", 1 ]) (q "208/275") "do(T=1)"
        ])
        testList "semantics" [
            testCase "a bound index shadows a free symbol and the free value is restored after the sum" <| fun () ->
                // (Σ_S P(S) P(C | S)) · P(S | T) at S = 0: the second factor must see S = 0 again, not the last index value.
                let cells = smokingCells
                let e = prod [ sum [ "S" ] (prod [ P [ "S" ] []; P [ "C" ] [ "S" ] ]); P [ "S" ] [ "T" ] ]
                Expect.isTrue ((e :?> ProductTerm).Factors[0] :? SumTerm) "the sum is evaluated first"
                let pC1 = cells[1] + cells[3] + cells[5] + cells[7]
                let pS0givenT0 = (cells[0] + cells[1]) / (cells[0] + cells[1] + cells[4] + cells[5])
                Expect.equal (value e (stc cells) [ "S", 0; "T", 0; "C", 1 ]) (pC1 * pS0givenT0) "P(C=1) · P(S=0 | T=0)"
            testCase "a primed free symbol is an axis of its own (named S') with S's domain" <| fun () ->
                let t = (P [ "C" ] [ "S'" ]).Table(stc smokingCells)
                Expect.equal [ for v in t.Variables -> v.Name ] [ "C"; "S'" ] "axes"
                Expect.equal t.Variables[1].Size 2 "binary"
                Expect.equal (List.ofSeq t.Values) ([ "4/5"; "3/10"; "1/5"; "7/10" ] |> List.map q) "P(C | S) read through S'"
            testCase "constants evaluate exactly and in doubles" <| fun () ->
                let e = prod [ constant "1/3"; P [ "S" ] [] ]
                Expect.equal (value e (stc smokingCells) [ "S", 1 ]) (q "1/3" * q "1/2") "exact"
                let joint = Factor<float>.Create([ S; T; C ], smokingCells |> List.map toFloat)
                Expect.floatClose Accuracy.veryHigh (e.Evaluate<float>(JointDistribution<float>(joint), at [ "S", 1 ])) (1.0 / 6.0) "double"
            testCase "the napkin estimand's textbook form and the raw form (design §1.7 E3) agree on random joints" <| fun () ->
                let textbook = parse "[sum_{w1} P(x, y | w1, w2) P(w1)] / [sum_{w1} P(x | w1, w2) P(w1)]"
                let raw = parse "[sum_{w1} P(y | w1, w2, x) P(x | w1, w2) P(w1)] / [sum_{w1, y'} P(y' | w1, w2, x) P(x | w1, w2) P(w1)]"
                differ textbook raw "not the same tree"
                for seed in 1 .. 3 do
                    let joint = randomJoint (Random seed) [ "w1"; "w2"; "x"; "y" ]
                    Expect.equal (table raw joint) (table textbook joint) $"seed {seed}"
            testCase "0/0 is 0 (also in a conditional atom), but a non-zero value over 0 is an error naming positivity" <| fun () ->
                // T = 1 never happens.
                let cells = [ for s in 0 .. 1 do for t in 0 .. 1 do for c in 0 .. 1 -> if t = 1 then Rational.Zero else q "1/4" ]
                let joint = stc cells
                Expect.equal (value (frac (P [ "C"; "T" ] []) (P [ "T" ] [])) joint [ "C", 1; "T", 1 ]) Rational.Zero "0/0"
                Expect.equal (value (P [ "C" ] [ "T" ]) joint [ "C", 1; "T", 1 ]) Rational.Zero "P(C | T) where P(T) = 0"
                let e = ExpectSets.throws<CausalScriptException> (fun () -> value (frac (P [ "C" ] []) (P [ "T" ] [])) joint [ "C", 1; "T", 1 ] |> ignore) "P(C)/P(T)"
                ExpectSets.contains e.Message "positivity" "message"
        ]
        testList "plug-in on discrete data" [
            testCase "data whose frequencies are the smoking joint give the front door 0.29 and 0.61 (1e-12)" <| fun () ->
                // 1,000 rows realise the joint exactly (every cell is a multiple of 1/1000).
                let data = rows [ S; T; C ] (smokingCells |> List.map (fun p -> int (p * q "1000").Numerator))
                Expect.equal data.RowCount 1000 "rows"
                let t = frontDoor.Value.Table(data)
                let at s c = t[[| S.Is((s = 1)); C.Is((c = 1)) |]]
                Expect.floatClose { absolute = 1e-12; relative = 0.0 } (at 0 1) 0.29 "do(S=0)"
                Expect.floatClose { absolute = 1e-12; relative = 0.0 } (at 1 1) 0.61 "do(S=1)"
                Expect.floatClose { absolute = 1e-12; relative = 0.0 } (value (P [ "C" ] [ "S" ]) (stc smokingCells) [ "S", 1; "C", 1 ] |> toFloat)
                    ((P [ "C" ] [ "S" ]).Table(data)[[| S.Is true; C.Is true |]]) "P(C | S) is the conditional frequency"
            testCase "an unseen value of an adjustment variable does no harm (its P(z) = 0 removes it)" <| fun () ->
                // S stands for Z, T for X, C for Y; Z = 1 never occurs. Σ_z P(y | x, z) P(z) = P(y | x, z = 0).
                let data = rows [ S; T; C ] [ 10; 30; 20; 40; 0; 0; 0; 0 ]
                let adjustment = sum [ "S" ] (P [ "C" ] [ "T"; "S" ] * P [ "S" ] [])
                let t = adjustment.Table(data)
                Expect.floatClose { absolute = 1e-12; relative = 0.0 } t[[| T.Is false; C.Is true |]] 0.75 "P(y=1 | x=0, z=0) = 30/40"
                Expect.floatClose { absolute = 1e-12; relative = 0.0 } t[[| T.Is true; C.Is true |]] (4.0 / 6.0) "P(y=1 | x=1, z=0) = 40/60"
            testCase "a needed conditioning cell with no rows is a DataException naming the atom and the cell" <| fun () ->
                // Front door with (S = 1, T = 1) never observed: P(C | S', T) at S' = 1, T = 1 is needed with P(s') > 0.
                let data = rows [ S; T; C ] [ 10; 30; 20; 40; 25; 25; 0; 0 ]
                let e = ExpectSets.throws<DataException> (fun () -> frontDoor.Value.Table(data) |> ignore) "positivity"
                ExpectSets.contains e.Message "has no rows" "message"
                ExpectSets.contains e.Message "S = True, T = True" "the cell"
            testCase "a variable that is not a column" <| fun () ->
                let data = rows [ S; T; C ] [ 1; 1; 1; 1; 1; 1; 1; 1 ]
                let e = ExpectSets.throws<DataException> (fun () -> (P [ "Z" ] []).Table(data) |> ignore) "Z"
                ExpectSets.contains e.Message "'Z'" "names the variable"
        ]
        testList "errors" [
            testCase "a free symbol without a value" <| fun () ->
                let e = ExpectSets.throws<CausalScriptException> (fun () -> value (P [ "C" ] [ "S" ]) (stc smokingCells) [ "C", 1 ] |> ignore) "S missing"
                ExpectSets.contains e.Message "S" "names the symbol"
            testCase "an interventional atom on an observational joint" <| fun () ->
                let e = ExpectSets.throws<CausalScriptException> (fun () -> value (Pdo [ "C" ] [] [ "S" ]) (stc smokingCells) [ "C", 1; "S", 0 ] |> ignore) "P_S(C)"
                ExpectSets.contains e.Message "interventional" "message"
            testCase "a variable the joint does not have" <| fun () ->
                let e = ExpectSets.throws<CausalScriptException> (fun () -> value (P [ "Z" ] []) (stc smokingCells) [ "Z", 0 ] |> ignore) "Z"
                ExpectSets.contains e.Message "'Z'" "names the variable"
        ]
    ]
