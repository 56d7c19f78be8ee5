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

/// Why a query has no estimand (the error case of every `Identify` function).
[<RequireQualifiedAccess>]
type NotIdentifiable =
    /// ID / IDC: the hedge that proves the query is not identifiable (Shpitser & Pearl 2006).
    | Hedge of Hedge
    /// ID* / IDC*: two different values of one variable in one c-component of the counterfactual graph (line 8);
    /// not identifiable even from all experiments (Shpitser & Pearl 2008).
    | Conflict of CounterfactualConflict
    /// gID: no available experiment answers the query; the thicket is the witness (Lee, Correa & Bareinboim 2019).
    | Thicket of Thicket
    /// IDC*: the conditioning event is inconsistent, so the conditional counterfactual is undefined.
    | Undefined

    /// The proof, in words.
    override this.ToString() =
        match this with
        | Hedge h -> sprintf "not identifiable: %O" h
        | Conflict c -> sprintf "not identifiable: %O" c
        | Thicket t -> sprintf "not identifiable from the experiments: %O" t
        | Undefined -> "undefined: the conditioning event has probability 0 in every model"

/// Identification: `P [ "Y" ] |> doing [ "X" ] |> Identify.effect g` returns `Ok identified` (the estimand, its
/// derivation and, for general ID, the raw unsimplified form) or `Error reason` (the hedge, thicket or conflict).
[<RequireQualifiedAccess>]
module Identify =
    /// The F# view of a C# identification result.
    let ofResult (result: IdentificationResult) : Result<Identified, NotIdentifiable> =
        match result with
        | :? Identified as i -> Ok i
        | :? NotIdentified as n -> Error(NotIdentifiable.Hedge n.Hedge)
        | :? NotIdentifiedFromExperiments as t -> Error(NotIdentifiable.Thicket t.Thicket)
        | :? CounterfactualNotIdentified as c -> Error(NotIdentifiable.Conflict c.Conflict)
        | :? Undefined -> Error NotIdentifiable.Undefined
        | r -> invalidArg (nameof result) (sprintf "Unknown identification result %O" r)

    /// The clearest correct answer to P(y | do(x), z): an adjustment formula, the front-door formula, or the
    /// (simplified) ID/IDC estimand; or the hedge.
    let effect (graph: Admg) (query: CausalQuery) = Identify.Effect(graph, query) |> ofResult

    /// The general ID/IDC result, without preferring the adjustment or front-door forms.
    let general (graph: Admg) (query: CausalQuery) =
        Identify.Effect(graph, query, IdentifyOptions(PreferAdjustment = false, PreferFrontDoor = false)) |> ofResult

    /// gID: P(y | do(x)) from the available experiments, each a list of intervened nodes (`[]` is the observational
    /// distribution, which is not assumed unless listed), e.g.
    /// `P [ "Y" ] |> doing [ "X1"; "X2" ] |> Identify.fromExperiments g [ [ "X1" ]; [ "X2" ] ]`; the estimand is over
    /// the experiments' atoms P(· | do(z), ·), or the error is the thicket.
    let fromExperiments (graph: Admg) (experiments: string list list) (query: CausalQuery) =
        Identify.FromExperiments(graph, query, experiments |> List.map Seq.ofList) |> ofResult

    /// ID*: the probability of a conjunction of counterfactual events, e.g.
    /// `[ "Y[X=1] = 1"; "X = 0" ] |> Identify.counterfactual g`; the estimand is in interventional terms P_x(…).
    let counterfactual (graph: Admg) (events: string list) =
        IdStar.Identify(graph, events |> List.map CounterfactualEvent.Parse) |> ofResult

    /// IDC*: P(γ | δ), e.g. the effect of treatment on the untreated
    /// `[ "Y[X=1] = 1" ] |> Identify.counterfactualGiven g [ "X = 0" ]`.
    let counterfactualGiven (graph: Admg) (given: string list) (events: string list) =
        IdcStar.Identify(graph, events |> List.map CounterfactualEvent.Parse, given |> List.map CounterfactualEvent.Parse) |> ofResult

    /// The observational form of an ID*/IDC* estimand: ID on every P_x term (the hedge of the first that fails).
    let observational (graph: Admg) (result: Result<Identified, NotIdentifiable>) =
        match result with
        | Ok identified -> IdStar.ToObservational(graph, identified) |> ofResult
        | Error e -> Error e

    /// The estimand, if there is one.
    let tryEstimand (result: Result<Identified, NotIdentifiable>) =
        match result with
        | Ok identified -> Some identified.Estimand
        | Error _ -> None

    /// The estimand, or the exception that carries the proof (NotIdentifiableException with the hedge,
    /// CounterfactualNotIdentifiableException with the conflict).
    let estimand (result: Result<Identified, NotIdentifiable>) =
        match result with
        | Ok identified -> identified.Estimand
        | Error(NotIdentifiable.Hedge h) -> raise (NotIdentifiableException h)
        | Error(NotIdentifiable.Conflict c) -> raise (CounterfactualNotIdentifiableException c)
        | Error(NotIdentifiable.Thicket t) -> raise (NotIdentifiableFromExperimentsException t)
        | Error NotIdentifiable.Undefined -> raise (CausalScript.CausalScriptException(string NotIdentifiable.Undefined))

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
    /// The plug-in estimate on discrete data (every P(a | c) becomes a ratio of counts); a conditioning cell the
    /// estimate needs but the data never show is a DataException naming the atom and the cell.
    let estimate (data: CausalScript.Data.Dataset) (e: Expression) = e.Table(data)
