/// Textbook and paper graphs with the verdicts (and, where the source prints one, the estimand) that the source gives
/// for them. PaperGraphs.Tests.fs runs every query through ID/IDC and Identify.Effect and checks the answers against
/// exact ground truth (EstimandVerifier) or the hedge conditions.
///
/// Transcriptions. The figures are drawings; the edges below follow public transcriptions of them and were checked
/// against the source's own text (the paths, parents and formulas it mentions, quoted per fixture). Every estimand the
/// source prints is also checked numerically on the transcribed graph, which catches most wrong or missing edges. Pearl's figure numbers are those of the second edition of Causality
/// (2009): Fig. 3.7 holds the bow patterns, Fig. 3.8 the identifying models, Fig. 3.9 the non-identifying ones.
///
/// Cases that are already named tests elsewhere are not repeated here:
///   * bow arc (Pearl 2009, Figs. 3.7(a) and 3.9(a)): E4 in Id.Tests.fs;
///   * X → Z → Y, X ↔ Z (Pearl 2009, Fig. 3.9(b)): E5 in Id.Tests.fs;
///   * napkin: E3 in Id.Tests.fs (estimand, derivation, y0's wrong answer refuted);
///   * Tian's graph P(z1, z2, z3, y | do(x)): E7 in Id.Tests.fs (its P(y | do(x)) is Pearl's Fig. 3.8(g), below);
///   * the counterfactual example of Shpitser & Pearl 2008 on X → W → Y ← Z ← D, X ↔ Y (P(y_x | x′, z_d, d)):
///     K4 in IdStar.Tests.fs, K4c in IdcStar.Tests.fs, and its counterfactual graph in MakeCg.Tests.fs.
module CausalScript.Tests.Identification.PaperGraphs

/// What the source says about a query.
type Verdict =
    /// Identifiable; Printed is the estimand the source prints (ExpressionParser syntax), if it prints one.
    | Identifiable of Printed: string option
    /// Not identifiable.
    | NotIdentifiable

/// One query P(outcomes | do(treatments), conditions) on a paper graph.
type PaperQuery =
    { Outcomes: string list
      Treatments: string list
      Conditions: string list
      Expected: Verdict
      /// Where the source says so (equation, remark), quoted in the test name.
      Claim: string
      /// True when Identify.Effect prints the source's estimand itself (canonical Expression equality); false when it
      /// prints an equivalent form (the two are then only compared numerically).
      SameForm: bool }

/// A graph from a paper or textbook.
type PaperGraph =
    { /// AuthorsYear.FigNpanel, e.g. Pearl2009.Fig3_8f.
      Id: string
      /// Short name used in the test names, e.g. "Pearl 2009, Fig. 3.8(f)".
      Name: string
      /// Full reference: work, figure, panel and the text used to check the transcription.
      Reference: string
      /// The graph in Admg.Parse syntax.
      Graph: string
      Queries: PaperQuery list }

let private query (ys: string list) (xs: string list) (expected: Verdict) (claim: string) =
    { Outcomes = ys; Treatments = xs; Conditions = []; Expected = expected; Claim = claim; SameForm = false }

let private causality = "Pearl, J. (2009). Causality: Models, Reasoning, and Inference, 2nd ed., Cambridge University Press"

/// Fig. 3.4, the back-door example. Read off the figure; the text names the path (Xi, X3, X1, X4, X2, X5, Xj) and the
/// caption says {X3, X4} and {X4, X5} are sufficient, {X4} and {X6} are not (also Graphs/TextbookGraphs.Tests.fs).
let pearl2009Fig3_4 =
    { Id = "Pearl2009.Fig3_4"
      Name = "Pearl 2009, Fig. 3.4"
      Reference = causality + ", §3.3.1, Fig. 3.4 and eq. (3.19)"
      Graph = "x1 -> x3 -> xi; x1 -> x4 <- x2; x4 -> xi; x4 -> xj; x2 -> x5 -> xj; xi -> x6 -> xj"
      Queries =
        [ { query [ "xj" ] [ "xi" ] (Identifiable(Some "sum_{x3, x4} P(xj | xi, x3, x4) P(x3, x4)")) "adjusting for {X3, X4} (eq. 3.19)"
              with SameForm = true }
          query [ "xj" ] [ "xi" ] (Identifiable(Some "sum_{x4, x5} P(xj | xi, x4, x5) P(x4, x5)")) "adjusting for {X4, X5} (eq. 3.19)" ] }

/// Fig. 3.5, smoking (X), tar (Z), cancer (Y): "the model of Figure 3.4 when X1, …, X5 are unobserved and {Xi, X6, Xj}
/// are relabeled {X, Z, Y}"; P(x, y, z, u) = P(u) P(x | u) P(z | x) P(y | z, u) (eq. 3.22). Fig. 3.8(e) is the same
/// graph ("the subgraph containing {X, Z1, Z2} is identical in structure to that of diagram (e)", §3.5.1 remark 5).
let pearl2009Fig3_5 =
    { Id = "Pearl2009.Fig3_5"
      Name = "Pearl 2009, Fig. 3.5 (= Fig. 3.8(e))"
      Reference = causality + ", §3.3.2, Fig. 3.5, eqs. (3.22), (3.28)/(3.29); Table 3.1 and eq. (3.30)"
      Graph = "x -> z -> y; x <-> y"
      Queries =
        [ { query [ "y" ] [ "x" ] (Identifiable(Some "sum_{z} P(z | x) sum_{x'} P(y | x', z) P(x')")) "front-door formula (eq. 3.29)"
              with SameForm = true }
          { query [ "y"; "z" ] [ "x" ] (Identifiable(Some "P(z | x) sum_{x'} P(y | x', z) P(x')")) "Task 4 (eq. 3.43)"
              with SameForm = true } ] }

/// Fig. 3.7(b): "adding an instrumental variable Z to a bow pattern … does not permit the identification"; Z is
/// randomised ("no link enters Z"), the arc Z → X is added to the bow X → Y, X ↔ Y.
let pearl2009Fig3_7b =
    { Id = "Pearl2009.Fig3_7b"
      Name = "Pearl 2009, Fig. 3.7(b)"
      Reference = causality + ", §3.5, Fig. 3.7(b)"
      Graph = "z -> x -> y; x <-> y"
      Queries = [ query [ "y" ] [ "x" ] NotIdentifiable "bow with an instrument" ] }

/// Fig. 3.7(c) = Fig. 3.9(g), the smallest bowless graph in which P(y | do(x)) is not identifiable. Checked against the
/// text: P(z1 | do(x)) and P(z2 | do(x)) are computable but P(z1, z2 | do(x)) is not; P(y | do(x), do(z2)) =
/// Σ_{z1} P(y | z1, x, z2) P(z1 | x) (eq. 3.47); "when conditioned on Z2, X and Z1 are d-connected … (through the
/// dashed lines)"; P(y | do(z1)) and P(y | do(z2)) are identifiable (§3.5.2 remark 3).
let pearl2009Fig3_7c =
    { Id = "Pearl2009.Fig3_7c"
      Name = "Pearl 2009, Fig. 3.7(c) (= Fig. 3.9(g))"
      Reference = causality + ", §3.5, Fig. 3.7(c), eq. (3.47); §3.5.2 remark 3 (Fig. 3.9(g))"
      Graph = "x -> z1 -> y; z2 -> y; x <-> z2; z1 <-> z2"
      Queries =
        [ query [ "y" ] [ "x" ] NotIdentifiable "no bow, yet not identifiable"
          query [ "z1"; "z2" ] [ "x" ] NotIdentifiable "the joint effect is not computable"
          query [ "z1" ] [ "x" ] (Identifiable None) "computable"
          query [ "z2" ] [ "x" ] (Identifiable None) "computable"
          query [ "y" ] [ "z1" ] (Identifiable None) "identifiable (remark 3)"
          query [ "y" ] [ "z2" ] (Identifiable None) "identifiable (remark 3)"
          query [ "y" ] [ "x"; "z2" ] (Identifiable(Some "sum_{z1} P(y | z1, x, z2) P(z1 | x)")) "eq. (3.47)"
          query [ "y" ] [ "x"; "z1" ] (Identifiable None) "computable"
          // P(z1 | do(x), z2) = P(z1, z2 | do(x)) / P(z2): not identifiable, because the numerator is not and
          // P(z2 | do(x)) = P(z2) is (the text: Rule 2 cannot turn it into P(z1 | x, z2)).
          { query [ "z1" ] [ "x" ] NotIdentifiable "conditional: P(z1, z2 | do(x)) is not computable" with Conditions = [ "z2" ] } ] }

let private fig3_8 (panel: string) (graph: string) (checkedAgainst: string) (queries: PaperQuery list) =
    { Id = sprintf "Pearl2009.Fig3_8%s" panel
      Name = sprintf "Pearl 2009, Fig. 3.8(%s)" panel
      Reference = sprintf "%s, §3.5.1, Fig. 3.8(%s); checked against %s" causality panel checkedAgainst
      Graph = graph
      Queries = queries }

/// Fig. 3.8, "typical models in which the effect of X on Y is identifiable".
let pearl2009Fig3_8 =
    [ fig3_8 "a" "x -> y" "remark 4 (no back-door path, P(y | do(x)) = P(y | x))"
          [ { query [ "y" ] [ "x" ] (Identifiable(Some "P(y | x)")) "remark 4" with SameForm = true } ]
      fig3_8 "b" "x -> z -> y; x -> y; z <-> y"
          "remarks 4 and 7 (no back-door path; Y has a parent, Z, whose effect on Y is not identifiable)"
          [ { query [ "y" ] [ "x" ] (Identifiable(Some "P(y | x)")) "remark 4" with SameForm = true } ]
      fig3_8 "c" "z -> x -> y; z -> y; z <-> y" "remarks 4 and 7 (Z blocks every back-door path; Z's effect on Y is not identifiable)"
          [ { query [ "y" ] [ "x" ] (Identifiable(Some "sum_{z} P(y | x, z) P(z)")) "remark 4 (eq. 3.19)" with SameForm = true } ]
      fig3_8 "d" "z -> x -> y; z -> y; x <-> z" "remark 4 (Z blocks every back-door path)"
          [ { query [ "y" ] [ "x" ] (Identifiable(Some "sum_{z} P(y | x, z) P(z)")) "remark 4 (eq. 3.19)" with SameForm = true } ]
      fig3_8 "f" "x -> z1 -> z2 -> y; x -> y; z1 -> y; x <-> z2; z1 <-> y"
          "remark 5 ({X, Z1, Z2} is diagram (e) with (Z1, Z2) for (Z, Y); (Y ⊥ X | Z1, Z2) in G_X̲) and remark 7"
          [ { query [ "y" ] [ "x" ] (Identifiable(Some "sum_{z1, z2} P(y | z1, z2, x) P(z1 | x) sum_{x'} P(z2 | z1, x') P(x')")) "eq. (3.48)"
                with SameForm = true } ]
      fig3_8 "g" "z2 -> x -> z1 -> y; z2 -> z1; z2 -> z3 -> y; x <-> z2; x <-> z3; x <-> y; y <-> z2"
          "eq. (3.49) and remark 5 (\"Z3 does not appear in (3.49)\"); the graph of E7 (Tian)"
          // Identify.Effect prints Σ_{z1,z2} P(z2) P(z1 | x, z2) Σ_{x′} P(x′ | z2) P(y | x′, z1, z2): the same formula with
          // the x′-sum nested. Canonical equality does not split a sum over several indices, so the forms differ.
          [ query [ "y" ] [ "x" ] (Identifiable(Some "sum_{z1, z2, x'} P(y | z1, z2, x') P(x' | z2) P(z1 | z2, x) P(z2)")) "eq. (3.49)" ] ]

/// Fig. 3.9(e) and (h) also satisfy the surrogate-experiment conditions of §3.4.4: X intercepts every directed path
/// from Z to Y, and P(y | do(x)) is identifiable in G_Z̄ (the text says so of exactly these two panels).
let private fig3_9 (panel: string) (graph: string) (checkedAgainst: string) =
    { Id = sprintf "Pearl2009.Fig3_9%s" panel
      Name = sprintf "Pearl 2009, Fig. 3.9(%s)" panel
      Reference = sprintf "%s, §3.5.2, Fig. 3.9(%s); checked against %s" causality panel checkedAgainst
      Graph = graph
      Queries = [ query [ "y" ] [ "x" ] NotIdentifiable "typical non-identifying model" ] }

/// Fig. 3.9, "typical models in which P(y | do(x)) is not identifiable". (a) and (b) are E4 and E5, (g) is Fig. 3.7(c)
/// above. (c) is left out: the text only says it has a confounding arc between X and a child of X on a path to Y,
/// which does not pin the panel down.
let pearl2009Fig3_9 =
    [ fig3_9 "d" "x -> y; z -> y; x <-> z; z <-> y" "remark 1 (an unblockable back-door path X ↔ Z ↔ Y)"
      fig3_9 "e" "z -> x -> y; x <-> z; z <-> y" "§3.4.4 (the surrogate conditions and eq. 3.45 hold for Fig. 3.9(e))"
      fig3_9 "f" "x -> z -> y; x <-> y; z <-> y" "remark 1 (an unblockable back-door path)"
      fig3_9 "h" "z -> x -> w -> y; x <-> z; x <-> y; z <-> y; z <-> w" "§3.4.4 (the surrogate conditions hold for Fig. 3.9(h))" ]

/// Shpitser & Pearl 2008, Fig. 3(a), "a graph hedge-less for P(y1, y2 | do(x))": W1 → X → Y1, W2 → Y2 with the arcs
/// W1 ↔ W2, W1 ↔ Y1, W1 ↔ Y2, X ↔ W2. The edges are those of two independent public transcriptions of the figure
/// (y0's examples, "figure 3a", and a second implementation's "hedge-less" model), which agree.
let shpitserPearl2008Fig3a =
    { Id = "ShpitserPearl2008.Fig3a"
      Name = "Shpitser & Pearl 2008, Fig. 3(a)"
      Reference = "Shpitser, I. & Pearl, J. (2008). Complete identification methods for the causal hierarchy. JMLR 9, 1941–1979, Fig. 3(a)"
      Graph = "w1 -> x -> y1; w2 -> y2; w1 <-> w2; w1 <-> y1; w1 <-> y2; x <-> w2"
      Queries = [ query [ "y1"; "y2" ] [ "x" ] (Identifiable None) "hedge-less, so identifiable" ] }

/// Every fixture, in the order of the documentation table.
let all =
    [ pearl2009Fig3_4; pearl2009Fig3_5; pearl2009Fig3_7b; pearl2009Fig3_7c ]
    @ pearl2009Fig3_8 @ pearl2009Fig3_9 @ [ shpitserPearl2008Fig3a ]
