namespace CausalScript.FSharp

open CausalScript.Graphs
open CausalScript.Expressions
open CausalScript.Identification
open CausalScript.Inference

/// Query literals: `P [ "Y" ] |> doing [ "X" ] |> given [ "Z" ]`.
[<AutoOpen>]
module Queries =
    /// P(y): a query on the outcomes.
    let P (outcomes: string list) = CausalQuery.P(outcomes)
    /// Adds interventions: P(y | do(x)).
    let doing (treatments: string list) (query: CausalQuery) = query.Do(treatments)
    /// Adds conditions: P(y | do(x), z).
    let given (conditions: string list) (query: CausalQuery) = query.Given(conditions)

    /// Matches an identification result: `Estimand (e, derivation)`, `Hedge h` (not identifiable), `Thicket t` (not
    /// identifiable from the available experiments, gID), `Conflict c` (a counterfactual query that fails ID* line 8)
    /// or `UndefinedQuery` (IDC* with a probability-zero condition).
    let (|Estimand|Hedge|Thicket|Conflict|UndefinedQuery|) (result: IdentificationResult) =
        match result with
        | :? Identified as i -> Estimand(i.Estimand, i.Derivation)
        | :? NotIdentified as n -> Hedge n.Hedge
        | :? NotIdentifiedFromExperiments as t -> Thicket t.Thicket
        | :? CounterfactualNotIdentified as c -> Conflict c.Conflict
        | :? Undefined -> UndefinedQuery
        | r -> invalidOp (sprintf "Unknown identification result %O" r)

/// Identification: `g |> Identify.effect (P [ "Y" ] |> doing [ "X" ])`.
[<RequireQualifiedAccess>]
module Identify =
    /// The clearest correct answer: adjustment, front door, or ID/IDC; or the hedge.
    let effect (query: CausalQuery) (graph: Admg) = Identify.Effect(graph, query)
    /// The general ID/IDC result, without preferring the adjustment or front-door forms.
    let general (query: CausalQuery) (graph: Admg) =
        Identify.Effect(graph, query, IdentifyOptions(PreferAdjustment = false, PreferFrontDoor = false))
    /// gID: identifies P(y | do(x)) from the available experiments, each a list of intervened nodes (`[]` is the
    /// observational distribution), e.g. `g |> Identify.fromExperiments [ [ "X1" ]; [ "X2" ] ] (P [ "Y" ] |> doing [ "X1"; "X2" ])`.
    /// The result is an `Estimand` over the experiments' atoms P(· | do(z), ·) or a `Thicket`.
    let fromExperiments (experiments: string list list) (query: CausalQuery) (graph: Admg) =
        Identify.FromExperiments(graph, query, experiments |> List.map Seq.ofList)
    /// The estimand, if the query is identifiable.
    let tryEstimand (result: IdentificationResult) =
        match result with
        | Estimand(e, _) -> Some e
        | _ -> None
    /// The estimand, or a NotIdentifiableException carrying the hedge.
    let get (result: IdentificationResult) = result.OrThrow()
    /// The estimand or the hedge's description.
    let toResult (result: IdentificationResult) : Result<Expression, string> =
        match result with
        | Estimand(e, _) -> Ok e
        | Hedge h -> Error(string h)
        | Thicket t -> Error(string t)
        | Conflict c -> Error(string c)
        | UndefinedQuery -> Error "the conditioning event has probability zero"
    /// ID*: identifies the probability of a conjunction of counterfactual events, e.g.
    /// `Identify.counterfactual [ "Y[X=1] = 1"; "X = 0" ]` (an effect of treatment on the untreated).
    let counterfactual (events: string list) (graph: Admg) =
        IdStar.Identify(graph, events |> List.map CounterfactualEvent.Parse)
    /// IDC*: identifies P(γ | δ) for conjunctions of counterfactual events.
    let counterfactualGiven (events: string list) (given: string list) (graph: Admg) =
        IdcStar.Identify(graph, events |> List.map CounterfactualEvent.Parse, given |> List.map CounterfactualEvent.Parse)
    /// The observational form of an ID*/IDC* result: ID on every P_x term.
    let observational (graph: Admg) (result: IdentificationResult) = IdStar.ToObservational(graph, result)

/// Estimands: rendering, parsing and evaluation.
[<RequireQualifiedAccess>]
module Estimand =
    /// LaTeX, e.g. `\sum_{z} P(y \mid x, z) P(z)`.
    let toLatex (e: Expression) = e.ToLatex()
    /// The parseable text form.
    let toText (e: Expression) = e.ToText()
    /// Parses the text form.
    let parse (text: string) = ExpressionParser.Parse text
    /// The estimand as a table over its free symbols, evaluated on an exact joint distribution.
    let eval (joint: Factor<'T>) (e: Expression) = e.Table(joint)
