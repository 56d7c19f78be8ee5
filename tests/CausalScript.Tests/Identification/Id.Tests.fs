/// The ID algorithm (src/CausalScript/Identification/Id.cs) against identification-algorithms.md: the worked examples
/// E1–E8 (§1.7) with their estimands, derivation lines and hedges, ground truth on random models with explicit latents
/// (§7, EstimandVerifier), the parity witness of every hedge (§1.4), the error cases, and seeded property tests on
/// random ADMGs: estimands are exact, hedges are hedges, and the verdicts agree with an independent brute-force
/// identifiability oracle and with the adjustment criterion. The helpers at the top are shared with Idc.Tests.fs.
module CausalScript.Tests.Identification.IdTests

open System
open System.Collections.Immutable
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Tests.Graphs
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Graphs.Generators
open CausalScript.Tests.Expressions.ExpressionTests

// ---------------------------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------------------------

let seeds3 = [ 1; 2; 3 ]

let expectIdentified (r: IdentificationResult) (context: string) : Identified =
    match r with
    | :? Identified as i -> i
    | :? NotIdentified as n -> failtestf "%s: expected an estimand, got %O\n%O" context n.Hedge n.Derivation
    | _ -> failtestf "%s: unknown result %O" context r

let expectNotIdentified (r: IdentificationResult) (context: string) : Hedge =
    match r with
    | :? NotIdentified as n -> n.Hedge
    | :? Identified as i -> failtestf "%s: expected a hedge, got the estimand %O\n%O" context i.Estimand i.Derivation
    | _ -> failtestf "%s: unknown result %O" context r

/// The estimand must equal the truth in every cell on every seed (EstimandVerifier, exact rationals).
let verify (g: Admg) (ys: string seq) (xs: string seq) (zs: string seq) (e: Expression) (seeds: int list) (context: string) =
    let mismatches = EstimandVerifier.Check(g, ys, xs, zs, e, seeds)
    if mismatches.Count > 0 then
        failtestf "%s: the estimand %O disagrees with the truth: %s" context e (String.Join("; ", mismatches |> Seq.truncate 3))

/// The estimand must be wrong somewhere (the verifier can fail).
let refute (g: Admg) (ys: string seq) (xs: string seq) (zs: string seq) (e: Expression) (seeds: int list) (context: string) =
    if EstimandVerifier.Check(g, ys, xs, zs, e, seeds).Count = 0 then
        failtestf "%s: the wrong estimand %O passed the verifier" context e

/// Structure the checker does not look at: every forest edge is a directed edge of G inside its forest; in each forest
/// every non-root has exactly one child and the roots have none; F′'s forest is part of F's.
let forestProblem (r: RGraph) (h: Hedge) : string option =
    let directed = Set.ofList r.Directed
    let check (nodes: Set<string>) (edges: Edge seq) (name: string) =
        let edges = List.ofSeq edges
        let roots = Set.ofSeq h.Roots
        [ for e in edges do
            if e.Kind <> EdgeKind.Directed || not (directed.Contains(e.From, e.To)) then yield sprintf "%O is not a directed edge of G" e
            if not (nodes.Contains e.From && nodes.Contains e.To) then yield sprintf "%O leaves %s" e name
          for v in nodes do
            let out = edges |> List.filter (fun e -> e.From = v) |> List.length
            if roots.Contains v && out <> 0 then yield sprintf "root %s has a child in the forest of %s" v name
            if not (roots.Contains v) && out <> 1 then yield sprintf "%s has %d children in the forest of %s" v out name ]
    let f, fp = Set.ofSeq h.F, Set.ofSeq h.FPrime
    let key (e: Edge) = e.From, e.To, e.Kind = EdgeKind.Directed
    let forest = set [ for e in h.ForestEdges -> key e ]
    let problems =
        check f h.ForestEdges "F" @ check fp h.PrimeForestEdges "F′"
        @ [ if h.PrimeForestEdges |> Seq.exists (fun e -> not (forest.Contains(key e))) then yield "F′'s forest is not part of F's" ]
    List.tryHead problems

/// The parity witness of §1.4: one fair coin per ↔ edge of G[F]; in M1 every node of F is the XOR of its forest(F)
/// parents and its coins within F; M2 is the same except that the nodes of F′ use their forest(F′) parents and their
/// coins within F′. Returns (P1(v_F) = P2(v_F), P1_x(r) ≠ P2_x(r) for some value x of X ∩ F). Enumerated by hand.
let witness (r: RGraph) (xs: Set<string>) (h: Hedge) =
    let f, fp, roots = Set.ofSeq h.F, Set.ofSeq h.FPrime, Set.ofSeq h.Roots
    let order = topologicalOrder r |> List.filter f.Contains
    let coins = r.Bidirected |> List.filter (fun (a, b) -> f.Contains a && f.Contains b)
    let parents (edges: Edge seq) v = [ for e in edges do if e.To = v then e.From ]
    let coinsOf (within: Set<string>) v =
        [ for i, (a, b) in List.indexed coins do if (a = v || b = v) && within.Contains a && within.Contains b then i ]
    let inputs model v =
        if model = 2 && fp.Contains v then parents h.PrimeForestEdges v, coinsOf fp v else parents h.ForestEdges v, coinsOf f v
    let distribution model (fixedValues: Map<string, int>) (keep: Set<string>) =
        [ for u in 0 .. (1 <<< coins.Length) - 1 ->
            order
            |> List.fold (fun (acc: Map<string, int>) v ->
                match fixedValues.TryFind v with
                | Some c -> acc.Add(v, c)
                | None ->
                    let ps, cs = inputs model v
                    acc.Add(v, ((ps |> List.sumBy (fun p -> acc[p])) + (cs |> List.sumBy (fun i -> (u >>> i) &&& 1))) % 2)) Map.empty
            |> Map.filter (fun n _ -> keep.Contains n) ]
        |> List.countBy id |> Map.ofList
    let sameObservational = distribution 1 Map.empty f = distribution 2 Map.empty f
    let xf = Set.intersect xs f |> Set.toList
    let differs =
        [ 0 .. (1 <<< xf.Length) - 1 ]
        |> List.exists (fun code ->
            let fixedValues = xf |> List.mapi (fun i v -> v, (code >>> i) &&& 1) |> Map.ofList
            distribution 1 fixedValues roots <> distribution 2 fixedValues roots)
    sameObservational, differs

/// Hedge.Check for the query, the forest structure, and the parity witness.
let checkHedge (g: Admg) (ys: string seq) (xs: string seq) (h: Hedge) (context: string) =
    let projected = if g.HasLatents then g.ProjectLatents() else g
    match h.Check(projected, ys, xs) with
    | null -> ()
    | problem -> failtestf "%s: %O fails Hedge.Check: %s" context h problem
    let r = ofAdmg projected
    match forestProblem r h with
    | Some problem -> failtestf "%s: %O: %s" context h problem
    | None -> ()
    match witness r (Set.ofSeq xs) h with
    | true, true -> ()
    | same, differs -> failtestf "%s: the parity witness fails for %O (same P(v_F): %b, P_x(r) differs: %b)" context h same differs

/// Independent verdict oracle (Tian & Pearl's c-component reduction, brute force): P_x(y) is identifiable iff no
/// district D of G[Y*], Y* = An(Y) in G[V \ X], has a superset F ⊋ D with G[F] one c-component and F = An(D) in G[F]
/// (then Identify(D, F) fails; otherwise it succeeds). No call into the library.
let identifiableOracle (r: RGraph) (xs: Set<string>) (ys: Set<string>) =
    let r = project r
    let induced (s: Set<string>) =
        RGraph([ for v in r.Nodes do if s.Contains v then v ],
               [ for a, b in r.Directed do if s.Contains a && s.Contains b then a, b ],
               [ for a, b in r.Bidirected do if s.Contains a && s.Contains b then a, b ], Set.empty)
    let all = Set.ofList r.Nodes
    let yStar = ancestors (induced (all - xs)) ys
    let oneDistrict (s: Set<string>) = (districts (induced s)).Count = 1
    districts (induced yStar)
    |> Set.forall (fun d ->
        subsets (List.ofSeq (all - d))
        |> List.forall (fun extra ->
            extra.IsEmpty || (let f = Set.union d extra in not (oneDistrict f && ancestors (induced f) d = f))))

let private hedgeSets (h: Hedge) = Set.ofSeq h.F, Set.ofSeq h.FPrime, Set.ofSeq h.Roots

// ---------------------------------------------------------------------------------------------------------------
// Worked examples, identification-algorithms.md §1.7
// ---------------------------------------------------------------------------------------------------------------

let private e1 = "z -> x; z -> y; x -> y"
let private e2 = "x -> m -> y; x <-> y"
let private e3 = "w1 -> w2 -> x -> y; w1 <-> x; w1 <-> y"
let private e7 = "x -> z1 -> y; z2 -> x; z2 -> z1; z2 -> z3; z3 -> y; x <-> y; x <-> z2; x <-> z3; y <-> z2"
let private e8 = "z -> x -> m -> y; z -> y"

let private identifies (name: string) (graph: string) (ys: string list) (xs: string list) (expected: string) =
    testCase (sprintf "%s: P(%s | do(%s)) = %s" name (String.Join(",", ys)) (String.Join(",", xs)) expected) <| fun () ->
        let g = Admg.Parse graph
        let i = expectIdentified (Id.Identify(g, ys, xs)) name
        same i.Estimand (parse expected) name
        verify g ys xs [] i.Estimand seeds3 name
        verify g ys xs [] (parse expected) seeds3 (name + " (the design's form)")
        Expect.isTrue (identifiableOracle (ofAdmg g) (set xs) (set ys)) "the oracle agrees"

let private hedged (name: string) (graph: string) (expected: string list * string list * string list) =
    testCase (sprintf "%s: P(y | do(x)) is not identifiable; hedge F = %A, F′ = %A, R = %A" name
                  (let a, _, _ = expected in a) (let _, b, _ = expected in b) (let _, _, c = expected in c)) <| fun () ->
        let g = Admg.Parse graph
        let h = expectNotIdentified (Id.Identify(g, [ "y" ], [ "x" ])) name
        let f, fp, r = expected
        Expect.equal (hedgeSets h) (set f, set fp, set r) "F, F′, R"
        checkHedge g [ "y" ] [ "x" ] h name
        Expect.isFalse (identifiableOracle (ofAdmg g) (set [ "x" ]) (set [ "y" ])) "the oracle agrees"

let private examples =
    testList "worked examples §1.7" [
        identifies "E1 back door" e1 [ "y" ] [ "x" ] "sum_{z} P(y | x, z) P(z)"
        identifies "E2 front door" e2 [ "y" ] [ "x" ] "sum_{m} P(m | x) sum_{x'} P(y | x', m) P(x')"
        testCase "E2: derivation 4 → [M: 2, 6] [Y: 7, 2, 1]" <| fun () ->
            let i = expectIdentified (Id.Identify(Admg.Parse e2, [ "y" ], [ "x" ])) "E2"
            let steps = List.ofSeq i.Derivation.Steps
            Expect.equal (List.ofSeq i.Derivation.Lines) [ 4; 2; 6; 7; 2; 1 ] "lines"
            Expect.equal [ for s in steps -> List.ofSeq s.Outcomes ] [ [ "y" ]; [ "m" ]; [ "m" ]; [ "y" ]; [ "y" ]; [ "y" ] ] "sub-queries"
            Expect.equal [ for s in steps -> s.Depth ] [ 0; 1; 2; 1; 2; 3 ] "the two line-4 branches are siblings"
            Expect.isTrue (steps |> List.forall (fun s -> s.Algorithm = "ID")) "algorithm"
        testCase "E2: the printed estimand binds x′, not x (design §0), in text and LaTeX" <| fun () ->
            let e = (expectIdentified (Id.Identify(Admg.Parse e2, [ "y" ], [ "x" ])) "E2").Estimand
            Expect.stringStarts (e.ToLatex()) @"\sum_{m} P(m \mid x) \sum_{x'} " "LaTeX prefix (design: \sum_{m} P(m \mid x) \sum_{x'} …)"
            let rest = (e.ToLatex()).Substring((@"\sum_{m} P(m \mid x) \sum_{x'} ").Length)
            Expect.contains [ @"P(y \mid m, x') P(x')"; @"P(x') P(y \mid m, x')" ] rest "the inner product, either factor order"
            Expect.isFalse ((e.ToText()).Contains "sum_{x}") "no Σ over a plain x that would shadow do(x)"
        testCase "E2 on the smoking data (string-diagrams.md §2.4): the estimand evaluates to 29/100 and 61/100" <| fun () ->
            let i = expectIdentified (Id.Identify(Admg.Parse "S -> T -> C; S <-> C", [ "C" ], [ "S" ])) "smoking"
            let joint = Inference.Factor<Inference.Rational>.Create([ for n in [ "S"; "T"; "C" ] -> Models.Variable.Bool n ],
                                                                   CausalScript.Tests.Expressions.ExpressionEvaluatorTests.smokingCells)
            let v s = i.Estimand.Evaluate(JointDistribution<Inference.Rational>(joint), readOnlyDict [ sym "S", s; sym "C", 1 ])
            Expect.equal (v 0, v 1) (q "29/100", q "61/100") "P(C=1 | do(S))"
        testCase "E2 with the confounder as an explicit latent node gives the same estimand" <| fun () ->
            let g = Admg.Parse "u -> x; u -> y; x -> m -> y; u [latent]"
            let i = expectIdentified (Id.Identify(g, [ "y" ], [ "x" ])) "latent u"
            same i.Estimand (parse "sum_{m} P(m | x) sum_{x'} P(y | x', m) P(x')") "estimand"
            verify g [ "y" ] [ "x" ] [] i.Estimand seeds3 "latent u"
        identifies "E3 napkin (raw form, π = W1, W2, X, Y)" e3 [ "y" ] [ "x" ]
            "[sum_{w1} P(y | w1, w2, x) P(x | w1, w2) P(w1)] / [sum_{w1, y'} P(y' | w1, w2, x) P(x | w1, w2) P(w1)]"
        testCase "E3: derivation 3, 7, 2, 6; w2 stays free" <| fun () ->
            let i = expectIdentified (Id.Identify(Admg.Parse e3, [ "y" ], [ "x" ])) "E3"
            Expect.equal (List.ofSeq i.Derivation.Lines) [ 3; 7; 2; 6 ] "lines"
            Expect.equal (freeText i.Estimand) "w2,x,y" "free symbols"
        testCase "E3: the textbook form Σ P(x,y|w1,w2)P(w1) / Σ P(x|w1,w2)P(w1) is right too" <| fun () ->
            verify (Admg.Parse e3) [ "y" ] [ "x" ] [] (parse "[sum_{w1} P(x, y | w1, w2) P(w1)] / [sum_{w1} P(x | w1, w2) P(w1)]") seeds3 "textbook"
        testCase "E3: y0's napkin answer P(y | x) FAILS the verifier (§1.6), as does dropping the Σ over w1" <| fun () ->
            let g = Admg.Parse e3
            refute g [ "y" ] [ "x" ] [] (parse "P(y | x)") seeds3 "P(y | x)"
            refute g [ "y" ] [ "x" ] [] (parse "P(y | w1, w2, x)") seeds3 "P(y | w1, w2, x)"
        hedged "E4 bow" "x -> y; x <-> y" ([ "x"; "y" ], [ "y" ], [ "y" ])
        hedged "E5 (root is not an outcome)" "x -> z -> y; x <-> z" ([ "x"; "z" ], [ "z" ], [ "z" ])
        testCase "E5: the hedge is found in the line-4 branch for Z" <| fun () ->
            let r = Id.Identify(Admg.Parse "x -> z -> y; x <-> z", [ "y" ], [ "x" ])
            let last = Seq.last r.Derivation.Steps
            Expect.equal (last.Line, List.ofSeq last.Outcomes) (5, [ "z" ]) "line 5 on the sub-query for z"
            Expect.equal (List.head (List.ofSeq r.Derivation.Lines)) 4 "first line 4"
        hedged "E6" "x -> w -> y; x <-> w; w <-> y" ([ "w"; "x"; "y" ], [ "w"; "y" ], [ "y" ])
        testCase "E4 with the latent written out (string-diagrams.md §2.4 negative test: S → C, S ↔ C)" <| fun () ->
            let g = Admg.Parse "H -> S; H -> C; S -> C; H [latent]"
            let h = expectNotIdentified (Id.Identify(g, [ "C" ], [ "S" ])) "bow"
            Expect.equal (hedgeSets h) (set [ "C"; "S" ], set [ "C" ], set [ "C" ]) "hedge"
            checkHedge g [ "C" ] [ "S" ] h "bow"
        testCase "E7 Tian (T&K Fig. 1): P(z1, z2, z3, y | do(x)) is exact and equals the design's form numerically" <| fun () ->
            let g = Admg.Parse e7
            let ys = [ "z1"; "z2"; "z3"; "y" ]
            let i = expectIdentified (Id.Identify(g, ys, [ "x" ])) "E7"
            verify g ys [ "x" ] [] i.Estimand seeds3 "E7"
            let design = parse "P(z1 | z2, x) P(z2) sum_{x'} P(y | z2, x', z3, z1) P(z3 | z2, x') P(x' | z2)"
            verify g ys [ "x" ] [] design seeds3 "E7, the design's form"
            Expect.isTrue (identifiableOracle (ofAdmg g) (set [ "x" ]) (set ys)) "oracle"
        testCase "E7: y0's answer P(z1|x,z2) P(z3|z2) P(y|z2,z3) P(z2) FAILS the verifier (§1.6, y0 #404)" <| fun () ->
            refute (Admg.Parse e7) [ "z1"; "z2"; "z3"; "y" ] [ "x" ] [] (parse "P(z1 | x, z2) P(z3 | z2) P(y | z2, z3) P(z2)") seeds3 "y0"
        testCase "E7: P(y | do(x)) is identified, and equals Σ_{z1,z2,z3} of the joint estimand" <| fun () ->
            let g = Admg.Parse e7
            let i = expectIdentified (Id.Identify(g, [ "y" ], [ "x" ])) "E7 y"
            verify g [ "y" ] [ "x" ] [] i.Estimand seeds3 "E7 y"
            verify g [ "y" ] [ "x" ] [] (parse "sum_{z1, z2, z3} P(z1 | z2, x) P(z2) sum_{x'} P(y | z2, x', z3, z1) P(z3 | z2, x') P(x' | z2)") seeds3 "Σ of the design's form"
        identifies "E8 (raw)" e8 [ "y" ] [ "x" ] "sum_{z, m} P(z) P(m | z, x) P(y | z, x, m)"
        testCase "E8: the simplified form Σ_z P(y | x, z) P(z) is right too" <| fun () ->
            verify (Admg.Parse e8) [ "y" ] [ "x" ] [] (parse "sum_{z} P(y | x, z) P(z)") seeds3 "simplified"
        testCase "the naive P(y | x) and the back-door formula fail the verifier on the front-door graph" <| fun () ->
            let g = Admg.Parse e2
            refute g [ "y" ] [ "x" ] [] (parse "P(y | x)") seeds3 "P(y | x)"
            refute g [ "y" ] [ "x" ] [] (parse "sum_{m} P(y | x, m) P(m)") seeds3 "adjusting for the mediator"
    ]

let private otherQueries =
    testList "other queries" [
        testCase "no intervention: line 1 gives the marginal P(y)" <| fun () ->
            let i = expectIdentified (Id.Identify(Admg.Parse "x -> y; z -> y; x <-> z", [ "y" ], [])) "x = ∅"
            same i.Estimand (P [ "y" ] []) "P(y)"
            Expect.equal (List.ofSeq i.Derivation.Lines) [ 1 ] "line 1 only"
        testCase "a treatment that is not an ancestor of Y is dropped (line 2): P(z | do(x)) = P(z)" <| fun () ->
            let g = Admg.Parse "z -> x -> y; z <-> y"
            let i = expectIdentified (Id.Identify(g, [ "z" ], [ "x" ])) "non-ancestor"
            same i.Estimand (P [ "z" ] []) "P(z)"
            verify g [ "z" ] [ "x" ] [] i.Estimand seeds3 "non-ancestor"
        testCase "joint outcomes and treatments: P(y, w | do(x, z)) in a graph with two districts" <| fun () ->
            let g = Admg.Parse "x -> w -> y; z -> y; x <-> z; w <-> z"
            let i = expectIdentified (Id.Identify(g, [ "y"; "w" ], [ "x"; "z" ])) "joint"
            verify g [ "y"; "w" ] [ "x"; "z" ] [] i.Estimand seeds3 "joint"
    ]

let private errors =
    testList "errors" [
        testCase "unknown node, with a suggestion" <| fun () ->
            let g = Admg.Parse "Smoking -> Tar -> Cancer; Smoking <-> Cancer"
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> Id.Identify(g, [ "Cancr" ], [ "Smoking" ]) |> ignore) "outcome Cancr"
            Expect.equal (e.Name, e.Suggestion) ("Cancr", "Cancer") "name and suggestion"
            ExpectSets.contains e.Message "Did you mean 'Cancer'?" "message"
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> Id.Identify(g, [ "Cancer" ], [ "smoking" ]) |> ignore) "treatment smoking"
            Expect.equal e.Suggestion "Smoking" "case-insensitive suggestion"
            let e = ExpectSets.throws<UnknownNodeException> (fun () -> Id.Identify(g, [ "Cancer" ], [ "Weather" ]) |> ignore) "far from every name"
            Expect.isNull e.Suggestion "no suggestion"
        testCase "an outcome that is also a treatment" <| fun () ->
            let e = ExpectSets.throws<GraphException> (fun () -> Id.Identify(Admg.Parse e2, [ "y"; "m" ], [ "x"; "m" ]) |> ignore) "m twice"
            Expect.equal (List.ofSeq e.Nodes) [ "m" ] "the node"
            ExpectSets.contains e.Message "'m'" "message"
        testCase "no outcome" <| fun () ->
            ExpectSets.throws<GraphException> (fun () -> Id.Identify(Admg.Parse e2, [], [ "x" ]) |> ignore) "Y = ∅" |> ignore
        testCase "a latent node in the query" <| fun () ->
            let g = Admg.Parse "u -> x; u -> y; x -> m -> y; u [latent]"
            let e = ExpectSets.throws<GraphException> (fun () -> Id.Identify(g, [ "u" ], [ "x" ]) |> ignore) "latent outcome"
            ExpectSets.contains e.Message "latent" "message"
            ExpectSets.throws<GraphException> (fun () -> Id.Identify(g, [ "y" ], [ "u" ]) |> ignore) "latent treatment" |> ignore
    ]

// ---------------------------------------------------------------------------------------------------------------
// Properties on random ADMGs (3–6 nodes)
// ---------------------------------------------------------------------------------------------------------------

/// 3–6 nodes, fairly dense, many ↔ edges, occasionally a latent node.
let randomAdmgs = { MinNodes = 3; MaxNodes = 6; PDirected = 0.45; PBidirected = 0.3; PLatent = 0.08 }

/// DAGs of 3–6 nodes (latent nodes turn into ↔ edges, so none here).
let randomDags = { randomAdmgs with PBidirected = 0.0; PLatent = 0.0 }

/// Random disjoint non-empty X (1–2 nodes) and Y (1–2 nodes) among the observed nodes.
let randomQuery (rng: Random) (r: RGraph) = randomXY rng r 2 2

let private describe (xs: Set<string>) (ys: Set<string>) = sprintf "P(%s | do(%s))" (fmt ys) (fmt xs)

let private properties =
    testList "properties (seeded random ADMGs, 3–6 nodes)" [
        forGraphs "(a) every estimand is exact on 2 random models; (b) every hedge passes Hedge.Check and the parity witness" 7100 260 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            let q = describe xs ys
            match Id.Identify(g, ys, xs) with
            | :? Identified as i -> verify g ys xs [] i.Estimand [ rng.Next 10000; rng.Next 10000 ] q
            | :? NotIdentified as n -> checkHedge g ys xs n.Hedge q
            | other -> failtestf "%s: %O" q other
        testCase "(a)/(b) are not vacuous: both verdicts occur often" <| fun () ->
            let verdicts =
                [ for i in 0 .. 259 ->
                    let rng = Random(7100 + i)
                    let r = randomGraph rng randomAdmgs
                    let xs, ys = randomQuery rng r
                    (Id.Identify(toAdmg r, ys, xs)).IsIdentified ]
            Expect.isGreaterThan (verdicts |> List.filter id |> List.length) 60 "identified"
            Expect.isGreaterThan (verdicts |> List.filter not |> List.length) 40 "not identified"
        forGraphs "(c) the verdict agrees with the brute-force oracle (Tian's c-component reduction)" 7400 400 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            let verdict = (Id.Identify(g, ys, xs)).IsIdentified
            let oracle = identifiableOracle r xs ys
            if verdict <> oracle then failtestf "%s: ID says identified = %b, the oracle %b" (describe xs ys) verdict oracle
        forGraphs "(c) a valid adjustment set implies identification, and its adjustment formula is exact" 7800 260 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            let q = describe xs ys
            match g.CanonicalAdjustmentSet(xs, ys), g.FindMinimalBackdoorSet(xs, ys) with
            | Null, Null -> ()
            | adjustment, backdoor ->
                let result = Id.Identify(g, ys, xs)
                if not result.IsIdentified then
                    failtestf "%s: adjustment set %A / back-door set %A, but ID reports %O" q (ExpectSets.toSet adjustment) (ExpectSets.toSet backdoor) result
                match adjustment with
                | Null -> ()
                | NonNull z ->
                    let zs = [ for v in z -> sym v ]
                    let formula = Expression.Sum(zs, Expression.Product([ Expression.P([ for y in ys -> sym y ], [ for x in xs -> sym x ] @ zs); Expression.P(zs) ]))
                    verify g ys xs [] formula [ rng.Next 10000 ] (sprintf "%s, adjusting for %s" q (fmt (Set.ofSeq z)))
        forGraphs "(c) in a DAG every query is identified, and the estimand is exact" 8100 150 randomDags <| fun rng r g ->
            let xs, ys = randomQuery rng r
            let i = expectIdentified (Id.Identify(g, ys, xs)) (describe xs ys)
            verify g ys xs [] i.Estimand [ rng.Next 10000 ] (describe xs ys)
        forGraphs "identifiability is inherited by sub-queries: P_x(y) identified ⇒ P_x(y′) identified for y′ ⊂ y" 8300 200 randomAdmgs <| fun rng r g ->
            let xs, ys = randomQuery rng r
            if (Id.Identify(g, ys, xs)).IsIdentified then
                for y in ys do
                    if not (Id.Identify(g, [ y ], xs)).IsIdentified then
                        failtestf "%s is identified but P(%s | do(%s)) is not" (describe xs ys) y (fmt xs)
    ]

[<Tests>]
let tests = testList "Identification.Id" [ examples; otherQueries; errors; properties ]
