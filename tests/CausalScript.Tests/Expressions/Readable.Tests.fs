/// Readable.Disambiguate (src/CausalScript/Expressions/Readable.cs): a summation index that shadows a visible symbol is
/// primed (design §0: the front door's inner Σ over X while x is the intervention value), without changing the meaning.
module CausalScript.Tests.Expressions.ReadableTests

open Expecto
open CausalScript.Expressions
open CausalScript.Tests.Expressions.ExpressionTests

[<Tests>]
let tests =
    testList "Expressions.Readable" [
        testCase "the front door's inner Σ_x becomes Σ_{x′}; the result is alpha-equivalent" <| fun () ->
            let shadowed = sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; sum [ "x" ] (prod [ P [ "y" ] [ "x"; "m" ]; P [ "x" ] [] ]) ])
            let r = Readable.Disambiguate shadowed
            Expect.equal (r.ToText()) "sum_{m} P(m | x) sum_{x'} P(y | m, x') P(x')" "text"
            same r shadowed "alpha-equivalent"
        testCase "an index that shadows nothing is kept" <| fun () ->
            let e = sum [ "z" ] (prod [ P [ "y" ] [ "x"; "z" ]; P [ "z" ] [] ])
            Expect.equal ((Readable.Disambiguate e).ToText()) (e.ToText()) "unchanged"
        testCase "the fresh name avoids every visible prime: x and x′ free, the shadowing x becomes x″" <| fun () ->
            let e = prod [ P [ "a" ] [ "x'" ]; sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; sum [ "x" ] (prod [ P [ "y" ] [ "x"; "m" ]; P [ "x" ] [] ]) ]) ]
            let r = Readable.Disambiguate e
            Expect.stringContains (r.ToText()) "sum_{x''}" "x″"
            same r e "alpha-equivalent"
        testCase "query values count as visible: Σ_x P(x) P(y | x, z) for a query about do(x) binds x′" <| fun () ->
            let e = sum [ "x" ] (prod [ P [ "x" ] []; P [ "y" ] [ "x"; "z" ] ])
            Expect.equal ((Readable.Disambiguate e).ToText()) (e.ToText()) "x is not free: kept by the one-argument form"
            let r = Readable.Disambiguate(e, [ sym "x"; sym "y"; sym "z" ])
            Expect.equal (r.ToText()) "sum_{x'} P(x') P(y | x', z)" "primed"
            same r e "alpha-equivalent"
    ]
