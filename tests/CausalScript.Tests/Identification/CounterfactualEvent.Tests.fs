/// Counterfactual events y_x: text forms, canonical subscripts (identification-algorithms.md §3.1), conjunctions and
/// the mapping of value labels to estimand symbols.
module CausalScript.Tests.Identification.CounterfactualEventTests

open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Models
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Identification.CfOracle

let private k4 = Admg.Parse "X -> W -> Y <- Z <- D; X <-> Y"

[<Tests>]
let tests =
    testList "Identification.CounterfactualEvent" [
        testCase "text form: Y[X=0,Z=1] = 1 parses to the variable, value and sorted intervention, and prints back" <| fun () ->
            let e = ev "Y[Z=1, X=0] = 1"
            Expect.equal e.Variable "Y" "variable"
            Expect.equal e.Value "1" "value"
            Expect.equal [ for kv in e.Intervention -> kv.Key, kv.Value ] [ "X", "0"; "Z", "1" ] "intervention, sorted"
            Expect.equal (string e) "Y[X=0,Z=1] = 1" "printed like Variable.Under names it"
            Expect.isTrue (ev "X = 1").IsFactual "factual"
            Expect.equal (ev "Y[X=0,Z=1]=1") e "spaces do not matter"
            ExpectSets.throws<CausalScriptException> (fun () -> ev "Y[X=0]" |> ignore) "no value" |> ignore
            ExpectSets.throws<CausalScriptException> (fun () -> ev "Y[X=0,X=1] = 1" |> ignore) "X twice" |> ignore

        testCase "an assignment to Y.Under(X.Is 0) is the event Y[X=0] = 1, with domain labels as values" <| fun () ->
            let X, Y = Variable.Range("X", 0, 1), Variable.Bool "Y"
            let e = CounterfactualEvent.From(Y.Under([ X.Is 0 ]).Is true)
            Expect.equal e (CounterfactualEvent("Y", "true", dict [ "X", "0" ])) "labels"
            Expect.equal e.VariableName (Y.Under([ X.Is 0 ])).Name "the counterfactual variable's name"

        testCase "canonical subscripts drop interventions that cannot reach the variable once the others are fixed (K4: y_{x,w,z} = y_{w,z})" <| fun () ->
            // §3.1: Y_w → Y_{w ∩ An(Y) in G_{W̄}}. In K4, X reaches Y only through W.
            Expect.equal ((ev "Y[X=1,W=0,Z=1] = 1").Canonical k4) (ev "Y[W=0,Z=1] = 1") "x dropped"
            Expect.equal ((ev "Y[X=1] = 1").Canonical k4) (ev "Y[X=1] = 1") "x reaches Y through W"
            Expect.equal ((ev "Y[D=1,Z=0] = 1").Canonical k4) (ev "Y[Z=0] = 1") "d blocked by z"
            Expect.equal ((ev "Z[X=1] = 1").Canonical k4) (ev "Z = 1") "x is not an ancestor of Z"
            Expect.equal ((ev "X[X=1] = 0").Canonical k4) (ev "X[X=1] = 0") "a variable's own intervention stays"
            Expect.equal ((ev "X[Y=1] = 0").Canonical k4) (ev "X = 0") "bidirected edges are not causal paths"
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> (ev "Q[X=1] = 0").Canonical k4 |> ignore) "unknown"
            Expect.equal e.Name "Q" "named"

        testCase "a conjunction is a set; two values of one counterfactual variable, or of an intervened variable, make it inconsistent" <| fun () ->
            let c = CounterfactualConjunction.Of(ev "Y[X=1] = 1", ev "X = 0", ev "Y[X=1] = 1")
            Expect.equal c.Count 2 "duplicates dropped"
            Expect.isFalse c.IsInconsistent "consistent"
            Expect.equal (string c) "Y[X=1] = 1 ∧ X = 0" "text"
            let bad = CounterfactualConjunction.Of(ev "Y[X=1] = 1", ev "X = 0", ev "Y[X=1] = 0")
            Expect.isTrue bad.IsInconsistent "y_x and y′_x"
            let struct (first, second) = bad.Contradiction.Value
            Expect.equal (first, second) (ev "Y[X=1] = 1", ev "Y[X=1] = 0") "the clash"
            Expect.isTrue (CounterfactualConjunction.Of(ev "X[X=1] = 0")).IsInconsistent "x′_x violates effectiveness"
            // Equal counterfactuals with different subscripts clash only once the subscripts are canonical.
            let g = Admg.Parse "X -> Y; Z -> W"
            let raw = CounterfactualConjunction.Of(ev "Y[X=1,Z=0] = 1", ev "Y[X=1] = 0")
            Expect.isFalse raw.IsInconsistent "different names"
            Expect.isTrue (raw.Canonical g).IsInconsistent "Z cannot reach Y: y_{x,z} = y_x"

        testCase "value symbols: the first label of a variable is x, the second x′, in query order (event value first, then its subscript)" <| fun () ->
            let r = IdStar.Identify(Admg.Parse "X -> Y", evs [ "Y[X=1] = 0"; "X = 0"; "Y = 1" ])
            let v = nonNull r.Values
            Expect.equal v["Y", "0"] (sym "Y" 0) "y"
            Expect.equal v["X", "1"] (sym "X" 0) "x: the subscript of the first event"
            Expect.equal v["X", "0"] (sym "X" 1) "x′"
            Expect.equal v["Y", "1"] (sym "Y" 1) "y′"
            Expect.equal (v.LabelOf(sym "X" 1)) "0" "label of x′"
            Expect.equal (string v) "x = 1, x' = 0, y = 0, y' = 1" "text"
            let m = randomScm (Admg.Parse "X -> Y") 1
            let codes = v.Codes(interventional m)
            Expect.equal codes[sym "X" 0] 1 "code of the label 1"
            Expect.equal codes[sym "Y" 1] 1 "code of y′"
            ExpectSets.throws<CausalScriptException> (fun () -> v["X", "2"] |> ignore) "not in the query" |> ignore
    ]
