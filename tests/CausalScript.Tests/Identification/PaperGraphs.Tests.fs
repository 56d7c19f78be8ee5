/// The textbook and paper graphs of PaperGraphs.fs: every query gets the source's verdict from ID/IDC and from
/// Identify.Effect; every estimand (ours, and the one the source prints) equals the truth exactly on random models with
/// explicit latents (EstimandVerifier); every hedge passes Hedge.Check and the parity witness, and the brute-force
/// oracle agrees. Plus the numbers and side claims the sources make about these graphs (Pearl's Table 3.1, the biased
/// adjustment sets of Fig. 3.4, the surrogate-experiment conditions of Figs. 3.9(e) and (h)).
module CausalScript.Tests.Identification.PaperGraphsTests

open System
open Expecto
open CausalScript
open CausalScript.Graphs
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Inference
open CausalScript.Tests.Graphs.Reference
open CausalScript.Tests.Expressions.ExpressionTests
open CausalScript.Tests.Identification.IdTests
open CausalScript.Tests.Identification.PaperGraphs

let private describe (q: PaperQuery) =
    let given = [ if not q.Treatments.IsEmpty then yield sprintf "do(%s)" (String.Join(", ", q.Treatments)) ] @ q.Conditions
    sprintf "P(%s | %s)" (String.Join(", ", q.Outcomes)) (String.Join(", ", given))

/// ID for P(y | do(x)), IDC when there are conditions.
let private general (g: Admg) (q: PaperQuery) =
    if q.Conditions.IsEmpty then Id.Identify(g, q.Outcomes, q.Treatments) else Idc.Identify(g, q.Outcomes, q.Treatments, q.Conditions)

let private effect (g: Admg) (q: PaperQuery) =
    Identify.Effect(g, CausalQuery.P(q.Outcomes).Do(q.Treatments).Given(q.Conditions))

let private exact (g: Admg) (q: PaperQuery) (e: Expression) (what: string) = verify g q.Outcomes q.Treatments q.Conditions e seeds3 what

let private identified (paper: PaperGraph) (q: PaperQuery) (printed: string option) =
    let name =
        match printed with
        | Some p -> sprintf "%s: %s = %s (%s)" paper.Name (describe q) p q.Claim
        | None -> sprintf "%s: %s is identifiable (%s)" paper.Name (describe q) q.Claim
    testCase name <| fun () ->
        let g = Admg.Parse paper.Graph
        let context = sprintf "%s, %s" paper.Id (describe q)
        let raw = expectIdentified (general g q) (context + " (ID/IDC)")
        exact g q raw.Estimand (context + ", ID/IDC")
        let chosen = expectIdentified (effect g q) (context + " (Identify.Effect)")
        exact g q chosen.Estimand (context + ", Identify.Effect")
        match printed with
        | None -> ()
        | Some p ->
            let source = parse p
            // The source's estimand on the transcribed graph: a wrong or missing edge shows up here.
            exact g q source (context + ", the source's estimand")
            if q.SameForm then same chosen.Estimand source (context + ": Identify.Effect prints the source's form")
            else differ chosen.Estimand source (context + ": a different (equivalent) form; if they now agree set SameForm")
        if q.Conditions.IsEmpty then
            Expect.isTrue (identifiableOracle (ofAdmg g) (set q.Treatments) (set q.Outcomes)) "the brute-force oracle agrees"

let private notIdentified (paper: PaperGraph) (q: PaperQuery) =
    testCase (sprintf "%s: %s is not identifiable (hedge; %s)" paper.Name (describe q) q.Claim) <| fun () ->
        let g = Admg.Parse paper.Graph
        let context = sprintf "%s, %s" paper.Id (describe q)
        // IDC reports a hedge for P_x(y, z) (design §2).
        let joint = q.Outcomes @ q.Conditions
        let h = expectNotIdentified (general g q) context
        checkHedge g joint q.Treatments h context
        Expect.isFalse (identifiableOracle (ofAdmg g) (set q.Treatments) (set joint)) "the brute-force oracle agrees"
        let h2 = expectNotIdentified (effect g q) (context + " (Identify.Effect)")
        Expect.isNull (h2.Check(g, joint, q.Treatments)) "Identify.Effect's hedge is a hedge"

let private fixtureTests (paper: PaperGraph) =
    [ for q in paper.Queries ->
        match q.Expected with
        | Identifiable printed -> identified paper q printed
        | NotIdentifiable -> notIdentified paper q ]

/// Table 3.1 of Pearl (2009): P(x, z) in percent and P(Y = 1 | x, z), cells in the order x, z, y (y fastest).
let private table3_1 =
    let pxz = dict [ (0, 0), q "475/1000"; (1, 0), q "25/1000"; (0, 1), q "25/1000"; (1, 1), q "475/1000" ]
    let py1 = dict [ (0, 0), q "10/100"; (1, 0), q "90/100"; (0, 1), q "5/100"; (1, 1), q "85/100" ]
    [ for x in 0 .. 1 do
        for z in 0 .. 1 do
            for y in 0 .. 1 -> pxz[(x, z)] * (if y = 1 then py1[(x, z)] else Rational.One - py1[(x, z)]) ]

let private sideClaims =
    testList "side claims" [
        testCase "Pearl 2009, Fig. 3.4: adjusting for {X4} or for {X6} is biased (caption) — both formulas fail the verifier" <| fun () ->
            let g = Admg.Parse pearl2009Fig3_4.Graph
            refute g [ "xj" ] [ "xi" ] [] (parse "sum_{x4} P(xj | xi, x4) P(x4)") seeds3 "{X4}"
            refute g [ "xj" ] [ "xi" ] [] (parse "sum_{x6} P(xj | xi, x6) P(x6)") seeds3 "{X6}"
        testCase "Pearl 2009, Table 3.1 on Fig. 3.5: P(Y = 1 | do(X = 1)) = 0.4525 and P(Y = 1 | do(X = 0)) = 0.4975 (eq. 3.30)" <| fun () ->
            let joint = Factor<Rational>.Create([ for n in [ "x"; "z"; "y" ] -> Models.Variable.Bool n ], table3_1)
            Expect.equal (joint.Values |> Seq.fold (+) Rational.Zero) Rational.One "Table 3.1 is a distribution"
            let g = Admg.Parse pearl2009Fig3_5.Graph
            let estimands =
                [ "ID", (expectIdentified (Id.Identify(g, [ "y" ], [ "x" ])) "ID").Estimand
                  "Identify.Effect", (expectIdentified (Identify.Effect(g, CausalQuery.P([ "y" ]).Do([ "x" ]))) "Effect").Estimand ]
            for name, e in estimands do
                let v x = e.Evaluate(JointDistribution<Rational>(joint), readOnlyDict [ sym "x", x; sym "y", 1 ])
                Expect.equal (v 1, v 0) (q "4525/10000", q "4975/10000") name
            // The naive conditional says the opposite: P(Y = 1 | X = 1) = 0.8525 > P(Y = 1 | X = 0) = 0.0975.
            let naive x = (parse "P(y | x)").Evaluate(JointDistribution<Rational>(joint), readOnlyDict [ sym "x", x; sym "y", 1 ])
            Expect.equal (naive 1, naive 0) (q "8525/10000", q "975/10000") "P(Y = 1 | X)"
        for panel in [ "e"; "h" ] do
            testCase (sprintf "Pearl 2009, Fig. 3.9(%s): the surrogate conditions of §3.4.4 hold — X intercepts every directed path from Z to Y, and P(y | do(x)) is identifiable in G_Z̄" panel) <| fun () ->
                let paper = pearl2009Fig3_9 |> List.find (fun p -> p.Id.EndsWith panel)
                let g = Admg.Parse paper.Graph
                let withoutX = g.InducedSubgraph([ for n in g.Nodes do if n <> "x" then n ])
                Expect.isFalse (withoutX.Ancestors([ "y" ]).Contains "z") "no directed path from Z to Y avoids X"
                Expect.isTrue (g.Ancestors([ "y" ]).Contains "z") "Z is an ancestor of Y (through X)"
                let gz = g.RemoveIncomingEdges([ "z" ])
                let i = expectIdentified (Id.Identify(gz, [ "y" ], [ "x" ])) "in G_Z̄"
                verify gz [ "y" ] [ "x" ] [] i.Estimand seeds3 "in G_Z̄"
                Expect.isFalse (Id.Identify(g, [ "y" ], [ "x" ])).IsIdentified "but not in G"
    ]

[<Tests>]
let tests = testList "Identification.PaperGraphs" [ yield! List.collect fixtureTests all; sideClaims ]
