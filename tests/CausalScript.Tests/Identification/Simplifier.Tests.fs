/// Simplification of estimands (Tikka & Karvanen 2017, JMLR 18(36); identification-algorithms.md §5): the worked
/// examples of §1.7/§5 and of the paper reach their published simplified forms (compared by canonical Expression
/// equality, i.e. up to factor order and bound-index names), and on random ADMGs every simplified ID/IDC estimand is
/// numerically identical to the raw one, matches the ground truth exactly (§7) and never has more atoms.
module CausalScript.Tests.Identification.SimplifierTests

open System
open System.Collections.Generic
open System.Threading
open Expecto
open CausalScript
open CausalScript.Expressions
open CausalScript.Graphs
open CausalScript.Identification
open CausalScript.Inference
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators

let private parse = ExpressionParser.Parse

let private expectSame (actual: Expression) (expected: Expression) (what: string) =
    if not (actual.Equals expected) then failtestf "%s:\n  got      %O\n  expected %O" what actual expected

let private estimand (result: IdentificationResult) =
    match result with
    | :? Identified as i -> i.Estimand
    | r -> failtestf "expected an estimand, got %O" r

/// ID's raw estimand and its simplification.
let private identifyAndSimplify (graph: string) (y: string list) (x: string list) =
    let g = Admg.Parse graph
    let raw = estimand (Id.Identify(g, y, x))
    g, raw, Simplifier.Simplify(raw, g)

// Graphs of the design note (§1.7) and the paper. Node names are the variables; the note writes their values in lower case.
let private backDoor = "Z -> X; Z -> Y; X -> Y" // E1
let private frontDoor = "X -> M -> Y; X <-> Y" // E2
let private napkin = "W1 -> W2 -> X -> Y; W1 <-> X; W1 <-> Y" // E3
/// E7, Tian's graph = Tikka & Karvanen Fig. 1; declared so that π puts Z1 before Z3.
let private tian = "X -> Z1 -> Y; Z2 -> X; Z2 -> Z1; Z2 -> Z3; Z3 -> Y; X <-> Y; X <-> Z2; X <-> Z3; Y <-> Z2"
/// The same graph declared so that π = Z2, X, Z3, Z1, Y, the order of the paper's example.
let private tianPaperOrder = "Z2 -> X; Z2 -> Z3; X -> Z1; Z2 -> Z1; Z1 -> Y; Z3 -> Y; X <-> Y; X <-> Z2; X <-> Z3; Y <-> Z2"
let private mediatedBackDoor = "Z -> X -> M -> Y; Z -> Y" // E8
/// The insertion example (Tikka & Karvanen 2017, §5, Fig. 2; effect of W on X). The figure is an image; the graph is
/// read off the text: π = Y < Z < W < X, ID (or the truncated factorisation) gives P(y) P(z | y) P(x | w, z, y), W is
/// adjacent to Z ("no conditioning set makes W independent of Z") and (W ⊥ Y | Z).
let private insertionGraph = "Y -> Z -> W -> X; Z -> X; Y -> X"

let private e7Expected = parse "P(Z1 | Z2, X) P(Z2) sum_{X'} P(Y | Z2, X', Z3, Z1) P(Z3 | Z2, X') P(X' | Z2)"

let examples =
    testList "§1.7 and §5 examples" [
        testCase "E1 back door: ID already emits Σ_z P(y|x,z)P(z); nothing changes" <| fun () ->
            let _, raw, simplified = identifyAndSimplify backDoor [ "Y" ] [ "X" ]
            let expected = parse "sum_{Z} P(Y | X, Z) P(Z)"
            expectSame raw expected "raw"
            expectSame simplified expected "simplified"

        testCase "E2 front door: the textbook formula is the fixed point" <| fun () ->
            let _, raw, simplified = identifyAndSimplify frontDoor [ "Y" ] [ "X" ]
            let expected = parse "sum_{M} P(M | X) sum_{X'} P(Y | X', M) P(X')"
            expectSame raw expected "raw"
            expectSame simplified expected "simplified"

        testCase "E8 back door with a mediator: Σ_{z,m} P(y|z,x,m)P(m|z,x)P(z) → Σ_z P(y|x,z)P(z)" <| fun () ->
            let g, raw, simplified = identifyAndSimplify mediatedBackDoor [ "Y" ] [ "X" ]
            expectSame raw (parse "sum_{Z, M} P(Y | Z, X, M) P(M | Z, X) P(Z)") "raw (§1.7 E8)"
            expectSame simplified (parse "sum_{Z} P(Y | X, Z) P(Z)") "simplified"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "Y" ], [ "X" ], simplified, [ 1; 2; 3 ])) "matches the truth"

        testCase "napkin denominator: Σ_{w1,y′} P(y′|w1,w2,x)P(x|w1,w2)P(w1) → Σ_{w1} P(x|w1,w2)P(w1)" <| fun () ->
            let g = Admg.Parse napkin
            let denominator = parse "sum_{W1, Y'} P(Y' | W1, W2, X) P(X | W1, W2) P(W1)"
            expectSame (Simplifier.Simplify(denominator, g)) (parse "sum_{W1} P(X | W1, W2) P(W1)") "denominator"

        testCase "E3 napkin: the numerator stays, the denominator loses y′; w2 stays free" <| fun () ->
            let g, raw, simplified = identifyAndSimplify napkin [ "Y" ] [ "X" ]
            let expected =
                parse "[sum_{W1} P(Y | W1, W2, X) P(X | W1, W2) P(W1)] / [sum_{W1} P(X | W1, W2) P(W1)]"
            expectSame simplified expected "simplified"
            Expect.isTrue (simplified.FreeSymbols.Contains(Symbol "W2")) "w2 is free"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "Y" ], [ "X" ], simplified, [ 1; 2; 3 ])) "matches the truth"
            Expect.isLessThanOrEqual (Simplifier.AtomCount simplified) (Simplifier.AtomCount raw) "no more atoms"

        testCase "E7 Tian's graph, P(z1,z2,z3,y | do(x)), π with Z1 before Z3: the paper's simplified form" <| fun () ->
            let g, raw, simplified = identifyAndSimplify tian [ "Z1"; "Z2"; "Z3"; "Y" ] [ "X" ]
            expectSame simplified e7Expected "simplified"
            Expect.isLessThan (Simplifier.AtomCount simplified) (Simplifier.AtomCount raw) "fewer atoms"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "Z1"; "Z2"; "Z3"; "Y" ], [ "X" ], simplified, [ 1; 2; 3 ])) "matches the truth"

        testCase "E7 Tian's graph, π = Z2, X, Z3, Z1, Y as in the paper: the paper's simplified form" <| fun () ->
            let g, _, simplified = identifyAndSimplify tianPaperOrder [ "Z1"; "Z2"; "Z3"; "Y" ] [ "X" ]
            Expect.sequenceEqual g.TopologicalOrder [ "Z2"; "X"; "Z3"; "Z1"; "Y" ] "π"
            expectSame simplified e7Expected "simplified"

        testCase "E7: the paper's raw expression (§1 and §5 of Tikka & Karvanen) simplifies to the paper's result" <| fun () ->
            // P(Z1|Z2,X) P(Z3|Z2) (Σ_{X,Z3,Y} P(Y|Z2,X,Z3,Z1)P(Z3|Z2,X)P(X|Z2)P(Z2)) × [Σ_X …] / [Σ_{X,Y} …]; the bound X,
            // Z3, Y of the sums shadow the free ones.
            let raw =
                parse (
                    "P(Z1 | Z2, X) P(Z3 | Z2) (sum_{X, Z3, Y} P(Y | Z2, X, Z3, Z1) P(Z3 | Z2, X) P(X | Z2) P(Z2)) "
                    + "[sum_{X} P(Y | Z2, X, Z3, Z1) P(Z3 | Z2, X) P(X | Z2) P(Z2)] / [sum_{X, Y} P(Y | Z2, X, Z3, Z1) P(Z3 | Z2, X) P(X | Z2) P(Z2)]"
                )
            for graph in [ tian; tianPaperOrder ] do
                let g = Admg.Parse graph
                expectSame (Simplifier.Simplify(raw, g)) e7Expected (sprintf "simplified in %s" graph)

        testCase "paper §5, second example: Σ_{X,Y} P(Y|Z2,X,Z3,Z1)P(Z3|Z2,X)P(X|Z2)P(Z2) → P(Z3|Z2)P(Z2)" <| fun () ->
            let raw = parse "sum_{X, Y} P(Y | Z2, X, Z3, Z1) P(Z3 | Z2, X) P(X | Z2) P(Z2)"
            expectSame (Simplifier.Simplify(raw, Admg.Parse tian)) (parse "P(Z3 | Z2) P(Z2)") "simplified"

        testCase "E7 marginal P(y | do(x)): Z3 moves into the inner sum and is summed out" <| fun () ->
            let g, raw, simplified = identifyAndSimplify tian [ "Y" ] [ "X" ]
            Expect.isLessThan (Simplifier.AtomCount simplified) (Simplifier.AtomCount raw) "fewer atoms"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "Y" ], [ "X" ], simplified, [ 1; 2 ])) "matches the truth"

        testCase "insertion example (effect of W on X): Σ_{z,y} P(y)P(z|y)P(x|w,z,y) → Σ_z P(x|w,z)P(z)" <| fun () ->
            let g, raw, simplified = identifyAndSimplify insertionGraph [ "X" ] [ "W" ]
            let paperRaw = parse "sum_{Z, Y} P(Y) P(Z | Y) P(X | W, Z, Y)"
            expectSame raw paperRaw "raw"
            let expected = parse "sum_{Z} P(X | W, Z) P(Z)"
            expectSame simplified expected "simplified"
            expectSame (Simplifier.Simplify(paperRaw, g)) expected "simplified from the paper's text"
            Expect.isEmpty (EstimandVerifier.Check(g, [ "X" ], [ "W" ], simplified, [ 1; 2; 3 ])) "matches the truth"

        testCase "insertion example: without the temporary term P(w|z,y) nothing can be summed out" <| fun () ->
            let g = Admg.Parse insertionGraph
            let raw = parse "sum_{Z, Y} P(Y) P(Z | Y) P(X | W, Z, Y)"
            expectSame (Simplifier.Simplify(raw, g, false, CancellationToken.None)) raw "without insertion"
    ]

let behaviour =
    testList "behaviour" [
        testCase "an atom drops the conditions it is independent of: P(y | x, z) = P(y | x) in Z → X → Y" <| fun () ->
            expectSame (Simplifier.Simplify(parse "P(Y | X, Z)", Admg.Parse "Z -> X -> Y")) (parse "P(Y | X)") "pruned"

        testCase "interventional atoms are never rewritten" <| fun () ->
            let g = Admg.Parse "Z -> X -> Y"
            let e = parse "P(Y | do(X), Z) P(Z | do(X))"
            expectSame (Simplifier.Simplify(e, g)) e "unchanged"
            // The observational part around them is still simplified.
            let mixed = parse "sum_{M, Z} P(Y | M, X, Z) P(M | X, Z) P(Z | do(W))"
            let g2 = Admg.Parse "Z -> X -> M -> Y; Z -> Y; W -> Z"
            expectSame (Simplifier.Simplify(mixed, g2)) (parse "sum_{Z} P(Y | X, Z) P(Z | do(W))") "observational part"

        testCase "identical factors of a quotient cancel" <| fun () ->
            let g = Admg.Parse "A -> B -> C"
            let e = parse "[P(A) P(B | A) P(C | B)] / [P(A) P(B | A)]"
            expectSame (Simplifier.Simplify(e, g)) (parse "P(C | B)") "cancelled"

        testCase "Id.Identify does not simplify; Simplify(result) keeps the raw estimand as Raw" <| fun () ->
            let g = Admg.Parse mediatedBackDoor
            let result = Id.Identify(g, [ "Y" ], [ "X" ])
            let raw = estimand result
            expectSame raw (parse "sum_{Z, M} P(Y | Z, X, M) P(M | Z, X) P(Z)") "default ID output is raw"
            expectSame (result :?> Identified).Raw raw "Raw of an unsimplified result is its estimand"
            match Simplifier.Simplify(result, g) with
            | :? Identified as s ->
                expectSame s.Estimand (parse "sum_{Z} P(Y | X, Z) P(Z)") "simplified"
                expectSame s.Raw raw "Raw"
                Expect.equal s.Derivation result.Derivation "derivation kept"
            | r -> failtestf "expected Identified, got %O" r

        testCase "Idc results simplify too; a NotIdentified result is returned as it is" <| fun () ->
            let g = Admg.Parse mediatedBackDoor
            let result = Idc.Identify(g, [ "Y" ], [ "X" ], [])
            expectSame (estimand (Simplifier.Simplify(result, g))) (parse "sum_{Z} P(Y | X, Z) P(Z)") "IDC"
            let bow = Admg.Parse "X -> Y; X <-> Y"
            let hedge = Id.Identify(bow, [ "Y" ], [ "X" ])
            Expect.isTrue (obj.ReferenceEquals(Simplifier.Simplify(hedge, bow), hedge)) "NotIdentified unchanged"

        testCase "a cancelled token returns the best expression so far (here the input) without throwing" <| fun () ->
            let g = Admg.Parse mediatedBackDoor
            let raw = parse "sum_{Z, M} P(Y | Z, X, M) P(M | Z, X) P(Z)"
            use cts = new CancellationTokenSource()
            cts.Cancel()
            expectSame (Simplifier.Simplify(raw, g, cts.Token)) raw "input"

        testCase "a variable the graph does not have is an UnknownNodeException" <| fun () ->
            Expect.throwsT<UnknownNodeException> (fun () -> Simplifier.Simplify(parse "P(Q | X)", Admg.Parse "X -> Y") |> ignore) "unknown"

        testCase "latent nodes are projected away first (the estimand is over the observed nodes)" <| fun () ->
            // E8 with the Z → Y confounding through an explicit latent U: Z ← U → Y is Z ↔ Y.
            let g = Admg.Parse "dag{ Z -> X -> M -> Y; U -> Z; U -> Y; U [latent] }"
            let raw = estimand (Id.Identify(g, [ "Y" ], [ "X" ]))
            let simplified = Simplifier.Simplify(raw, g)
            expectSame simplified (parse "sum_{Z} P(Y | X, Z) P(Z)") "simplified"
    ]

// ── property: random ADMGs ──────────────────────────────────────────────────────────────────────────────────────

let private shape = { MinNodes = 3; MaxNodes = 7; PDirected = 0.4; PBidirected = 0.2; PLatent = 0.1 }

/// Every cell of two estimands over the union of their free symbols, on the observational joint of a random model.
let private sameValues (g: Admg) (seed: int) (a: Expression) (b: Expression) =
    let model = EstimandVerifier.RandomModel(g, seed)
    let source = JointDistribution<Rational>(model.QueryExact(model.Observed))
    let free = a.FreeSymbols.Union(b.FreeSymbols) |> Seq.toArray
    let sizes = free |> Array.map (fun s -> model[s.Variable].Size)
    let values = Dictionary<Symbol, int>()
    let rec cells i =
        if i = free.Length then
            let va = a.Evaluate(source, values)
            let vb = b.Evaluate(source, values)
            if va <> vb then Some(String.Join(", ", values |> Seq.map (fun kv -> sprintf "%O = %d" kv.Key kv.Value)), va, vb) else None
        else
            seq { 0 .. sizes[i] - 1 }
            |> Seq.tryPick (fun v ->
                values[free[i]] <- v
                cells (i + 1))
    cells 0

let private property (name: string) (baseSeed: int) (cases: int) (conditional: bool) =
    testCase name <| fun () ->
        let mutable identified = 0
        let mutable smaller = 0
        for i in 0 .. cases * scale - 1 do
            let seed = if i < cases then baseSeed + i else baseSeed * 1000 + i
            let rng = Random seed
            let r = randomGraph rng shape
            let g = toAdmg r
            let xs, ys = randomXY rng r 2 2
            let zs =
                let rest = Set.ofList r.Observed - xs - ys
                if conditional && not rest.IsEmpty then randomSubset rng 0.4 rest else Set.empty
            let result = if conditional then Idc.Identify(g, ys, xs, zs) else Id.Identify(g, ys, xs)
            match result with
            | :? Identified as raw ->
                identified <- identified + 1
                let simplified = Simplifier.Simplify(raw.Estimand, g)
                let describe () =
                    sprintf "seed %d, graph %O, X=%s Y=%s Z=%s\n  raw        %O\n  simplified %O" seed r (fmt xs) (fmt ys) (fmt zs) raw.Estimand simplified
                let before, after = Simplifier.AtomCount raw.Estimand, Simplifier.AtomCount simplified
                if after > before then failtestf "more atoms (%d > %d): %s" after before (describe ())
                if after < before then smaller <- smaller + 1
                match sameValues g seed raw.Estimand simplified with
                | Some(cell, a, b) -> failtestf "raw %O ≠ simplified %O at (%s): %s" a b cell (describe ())
                | None -> ()
                let mismatches = EstimandVerifier.Check(g, ys, xs, zs, simplified, [ seed ])
                if mismatches.Count > 0 then failtestf "simplified ≠ truth: %O\n%s" mismatches[0] (describe ())
            | _ -> ()
        Expect.isGreaterThanOrEqual identified (cases / 2) "most random queries are identifiable"
        Expect.isGreaterThanOrEqual smaller (cases / 20) "the simplifier does something on a fair share of them"

/// A random expression over the observed nodes shaped like an estimand but not π-consistent: products of atoms
/// P(v | random others) and nested sums, each summing over some of the outcomes of its atoms (a marginalisation; inner
/// indices may shadow outer free symbols), sometimes a quotient.
let private randomExpression (rng: Random) (nodes: string list) =
    let atom () =
        match shuffle rng nodes with
        | head :: rest -> Expression.P([ Symbol head ], rest |> List.filter (fun _ -> rng.NextDouble() < 0.4) |> List.map Symbol)
        | [] -> Expression.One
    let rec sum depth =
        let factors = [ for _ in 0 .. rng.Next 4 -> if depth < 2 && rng.Next 4 = 0 then sum (depth + 1) else atom () ]
        let outcomes = factors |> List.collect (function :? ProbabilityTerm as p -> List.ofSeq p.Outcomes | _ -> []) |> List.distinct
        Expression.Sum(outcomes |> List.filter (fun _ -> rng.NextDouble() < 0.6), Expression.Product factors)
    let e = sum 0
    if rng.Next 3 = 0 then Expression.Fraction(e, sum 0) else e

let private identityOnRandomExpressions =
    testCase "any expression: simplified = raw on random models, never more atoms" <| fun () ->
        let mutable smaller = 0
        let cases = 300
        for i in 0 .. cases * scale - 1 do
            let seed = if i < cases then 63000 + i else 63000 * 1000 + i
            let rng = Random seed
            let r = randomGraph rng { shape with MaxNodes = 6 }
            let g = toAdmg r
            let e = randomExpression rng r.Observed
            let simplified = Simplifier.Simplify(e, g)
            let describe () = sprintf "seed %d, graph %O\n  raw        %O\n  simplified %O" seed r e simplified
            let before, after = Simplifier.AtomCount e, Simplifier.AtomCount simplified
            if after > before then failtestf "more atoms (%d > %d): %s" after before (describe ())
            if after < before then smaller <- smaller + 1
            match sameValues g seed e simplified with
            | Some(cell, a, b) -> failtestf "raw %O ≠ simplified %O at (%s): %s" a b cell (describe ())
            | None -> ()
        Expect.isGreaterThanOrEqual smaller (cases / 10) "the simplifier does something on a fair share of them"

let properties =
    testList "properties (random ADMGs of 3–7 nodes)" [
        property "ID: simplified = raw on random models, = truth (§7), never more atoms" 61000 150 false
        property "IDC: simplified = raw on random models, = truth (§7), never more atoms" 62000 150 true
        identityOnRandomExpressions
    ]

[<Tests>]
let tests = testList "Identification.Simplifier" [ examples; behaviour; properties ]
