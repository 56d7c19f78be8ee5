/// The expression parser (src/CausalScript/Expressions/ExpressionParser.cs): the design's estimands in text form,
/// the grammar's corners, errors with line and column, and the ToText → Parse round trip on seeded random
/// expressions.
module CausalScript.Tests.Expressions.ExpressionParserTests

open System
open Expecto
open CausalScript
open CausalScript.Expressions
open CausalScript.Tests.Graphs
open CausalScript.Tests.Expressions.ExpressionTests

let private parsesTo (text: string) (expected: Expression) =
    let actual = parse text
    same actual expected (sprintf "Parse %A" text)

/// (text, line, column, fragment of the reason); the positions are counted by hand from the text.
let private errorCases =
    [ "P(y | x", 1, 8, "Expected ')'"
      "sum_{x P(x)", 1, 8, "Expected '}'"
      "P(x) + P(y)", 1, 6, "'+'"
      "P(x)\nP(y |)", 2, 6, "Expected a variable"
      "", 1, 1, "ended"
      "   ", 1, 4, "ended"
      "[P(x)] / P(y)", 1, 10, "Expected '['"
      "P(x | y)]", 1, 9, "Unexpected ']'"
      "P(x))", 1, 5, "Unexpected ')'"
      "P(y | x,)", 1, 9, "Expected a variable"
      "P(\"abc)", 1, 8, "Expected '\"'"
      "P(y | do(x)", 1, 12, "Expected ')'"
      // A variable twice in one atom: reported at the atom (line 3, column 3), not after it.
      "sum_{w1}\n  P(y | w1)\n  P(x | x')", 3, 3, "appears twice"
      // A zero denominator is malformed text too, with a position (it used to escape as DivideByZeroException or
      // a CausalScriptException without line and column).
      "1/0 P(x)", 1, 1, "zero denominator"
      "P(y) [P(x)] / [0]", 1, 6, "Division by the constant 0" ]

[<Tests>]
let tests =
    testList "Expressions.ExpressionParser" [
        testList "the design's estimands" [
            testCase "E1 back door: sum_{z} P(y | x, z) P(z)" <| fun () ->
                parsesTo "sum_{z} P(y | x, z) P(z)" (sum [ "z" ] (prod [ P [ "y" ] [ "x"; "z" ]; P [ "z" ] [] ]))
            testCase "E2 front door: sum_{m} P(m | x) sum_{x'} P(y | x', m) P(x')" <| fun () ->
                parsesTo "sum_{m} P(m | x) sum_{x'} P(y | x', m) P(x')"
                    (sum [ "m" ] (prod [ P [ "m" ] [ "x" ]; sum [ "x'" ] (prod [ P [ "y" ] [ "x'"; "m" ]; P [ "x'" ] [] ]) ]))
            testCase "E3 raw napkin: the Σ over y′ in the denominator vanishes (Σ_{y′} P(y′ | …) = 1)" <| fun () ->
                parsesTo "[sum_{w1} P(y | w1, w2, x) P(x | w1, w2) P(w1)] / [sum_{w1, y'} P(y' | w1, w2, x) P(x | w1, w2) P(w1)]"
                    (frac (sum [ "w1" ] (prod [ P [ "y" ] [ "w1"; "w2"; "x" ]; P [ "x" ] [ "w1"; "w2" ]; P [ "w1" ] [] ]))
                          (sum [ "w1" ] (prod [ P [ "x" ] [ "w1"; "w2" ]; P [ "w1" ] [] ])))
        ]
        testList "grammar" [
            testCase "a sum extends to the end of its product; parentheses close it" <| fun () ->
                let open' = parse "sum_{x} P(x | z) P(y | x) P(w | x)"
                let closed = parse "(sum_{x} P(x | z) P(y | x)) P(w | x)"
                same open' (sum [ "x" ] (prod [ P [ "x" ] [ "z" ]; P [ "y" ] [ "x" ]; P [ "w" ] [ "x" ] ])) "open"
                same closed (prod [ sum [ "x" ] (prod [ P [ "x" ] [ "z" ]; P [ "y" ] [ "x" ] ]); P [ "w" ] [ "x" ] ]) "closed"
                differ open' closed "the scopes differ"
                Expect.isTrue (closed.FreeSymbols.Contains(sym "x")) "x is free outside the parentheses"
            testCase "do() may come anywhere among the conditions and hold several variables" <| fun () ->
                parsesTo "P(y | z, do(x))" (Pdo [ "y" ] [ "z" ] [ "x" ])
                parsesTo "P(y | do(x), z)" (Pdo [ "y" ] [ "z" ] [ "x" ])
                parsesTo "P(y | do(x, w))" (Pdo [ "y" ] [] [ "w"; "x" ])
                Expect.isFalse ((parse "P(y | do(x))" :?> ProbabilityTerm).IsObservational) "interventional"
            testCase "Unicode primes, '*' and '·' as product signs, line breaks" <| fun () ->
                parsesTo "P(x′) * P(y | x′)\n  · P(z)" (prod [ P [ "x'" ] []; P [ "y" ] [ "x'" ]; P [ "z" ] [] ])
            testCase "constants and fractions" <| fun () ->
                parsesTo "1/2 P(x)" (prod [ constant "1/2"; P [ "x" ] [] ])
                parsesTo "3" (constant "3")
                parsesTo "[P(x, y)] / [P(y)]" (frac (P [ "x"; "y" ] []) (P [ "y" ] []))
                parsesTo "[P(x)] / [1]" (P [ "x" ] [])
            testCase "quoted names with escapes" <| fun () ->
                let e = parse "P(\"a \\\"b\\\"\" | \"c\\\\d\"')"
                match e with
                | :? ProbabilityTerm as p ->
                    Expect.equal [ for s in p.Outcomes -> s.Variable ] [ "a \"b\"" ] "outcome name"
                    Expect.equal [ for s in p.Conditions -> s.Variable, s.Primes ] [ "c\\d", 1 ] "condition name and prime"
                | _ -> failtestf "expected an atom, got %O" e
        ]
        testList "errors with line and column" [
            for text, line, column, fragment in errorCases ->
                testCase (sprintf "\"%s\" → line %d, column %d" (text.Replace("\n", "\\n")) line column) <| fun () ->
                    let e = ExpectSets.throws<ParseException> (fun () -> parse text |> ignore) (sprintf "Parse %A" text)
                    Expect.equal (e.Line, e.Column) (line, column) $"position of the error in %A{text} ({e.Message})"
                    ExpectSets.contains e.Reason fragment "reason"
                    Expect.stringStarts e.Message $"Line {line}, column {column}: " "message prefix"
        ]
        testList "ToText → Parse round trip" [
            testCase "property: 250 seeded random expressions (quoted names, primes, do(), constants, fractions) read back equal, with the same text" <| fun () ->
                for seed in 0 .. 249 do
                    let rng = Random(seed)
                    let e = randomExpression rng (if seed % 2 = 0 then syntaxPool else evalPool) true 4
                    let text = e.ToText()
                    let back =
                        try parse text
                        with ex -> failtestf "seed %d: %s does not parse: %s" seed text ex.Message
                    if not (back.Equals e) then failtestf "seed %d: %s reads back as %O" seed text back
                    if back.ToText() <> text then failtestf "seed %d: %s prints as %s after the round trip" seed text (back.ToText())
                    e.ToLatex() |> ignore
        ]
    ]
