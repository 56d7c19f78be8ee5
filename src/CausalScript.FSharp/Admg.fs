namespace CausalScript.FSharp

open System
open CausalScript
open CausalScript.Graphs

/// An edge in an F# graph literal: build with the operators `-->` and `<->` from `GraphLiterals`.
type EdgeSpec =
    /// `a --> b`: a direct causal effect of a on b.
    | Directed of string * string
    /// `a <-> b`: a latent common cause of a and b.
    | Bidirected of string * string

/// Graph literals: `dag "x -> y <- z; x <-> y"` and edge operators for `Admg.ofEdges`.
[<AutoOpen>]
module GraphLiterals =
    /// Parses a graph in dagitty syntax (`dag { x -> y }`) or the compact form (`"x -> y <- z; x <-> y"`).
    /// Wraps <see cref="M:CausalScript.Graphs.Admg.Parse(System.String)"/>; throws ParseException with line and column.
    let dag (text: string) : Admg = Admg.Parse text

    /// `a --> b`: a directed edge (a causes b).
    let (-->) (a: string) (b: string) = Directed(a, b)

    /// `a <-> b`: a bidirected edge (a latent common cause of a and b).
    let (<->) (a: string) (b: string) = Bidirected(a, b)

/// Curried, subject-last functions over <see cref="T:CausalScript.Graphs.Admg"/> for pipelines:
/// `g |> Admg.adjustmentSets ["x"] ["y"]`. Node sets come back as F# `Set<string>`, absent results as `Option`,
/// listings as lists (the `Seq` variants stay lazy for possibly exponential enumerations).
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Admg =
    let private toSet (s: NodeSet) : Set<string> = Set.ofSeq s
    let private toOption (s: NodeSet | null) : Set<string> option =
        match s with
        | null -> None
        | s -> Some(Set.ofSeq s)

    /// Parses dagitty or compact text. See <see cref="M:CausalScript.Graphs.Admg.Parse(System.String)"/>.
    let parse (text: string) : Admg = Admg.Parse text

    /// Parses text, returning the error message (with line and column, or the cycle) instead of throwing.
    let tryParse (text: string) : Result<Admg, string> =
        try Ok(Admg.Parse text) with :? CausalScriptException as e -> Error e.Message

    /// Builds a graph from edge literals: `Admg.ofEdges [ "s" --> "t"; "t" --> "c"; "s" <-> "c" ]`.
    let ofEdges (edges: EdgeSpec list) : Admg =
        let b = Admg.CreateBuilder()
        for e in edges do
            match e with
            | Directed(a, c) -> b.Edge(a, c) |> ignore
            | Bidirected(a, c) -> b.Bidirected(a, c) |> ignore
        b.Build()

    /// Marks nodes latent (adding them if needed) and returns a new graph.
    let withLatent (nodes: string list) (g: Admg) : Admg =
        let b = Admg.CreateBuilder().Nodes(g.Nodes)
        for e in g.DirectedEdges do b.Edge(e.From, e.To) |> ignore
        for e in g.BidirectedEdges do b.Bidirected(e.From, e.To) |> ignore
        b.Latent(Seq.append g.Latent nodes).Exposure(g.Exposures).Outcome(g.Outcomes).Adjusted(g.Adjusted).Build()

    /// The nodes in declaration order.
    let nodes (g: Admg) : string list = List.ofSeq g.Nodes

    /// All edges (directed first), in declaration order.
    let edges (g: Admg) : Edge list = List.ofSeq g.Edges

    /// Parents of the given nodes. See <see cref="M:CausalScript.Graphs.Admg.Parents(System.Collections.Generic.IEnumerable{System.String})"/>.
    let parents (nodes: string list) (g: Admg) = g.Parents nodes |> toSet

    /// Children of the given nodes.
    let children (nodes: string list) (g: Admg) = g.Children nodes |> toSet

    /// Spouses (`<->` neighbours) of the given nodes.
    let spouses (nodes: string list) (g: Admg) = g.Spouses nodes |> toSet

    /// Ancestors of the given nodes, the nodes included.
    let ancestors (nodes: string list) (g: Admg) = g.Ancestors nodes |> toSet

    /// Descendants of the given nodes, the nodes included.
    let descendants (nodes: string list) (g: Admg) = g.Descendants nodes |> toSet

    /// A topological order (parents first, ties by declaration order).
    let topologicalOrder (g: Admg) : string list = List.ofSeq g.TopologicalOrder

    /// The districts (c-components).
    let districts (g: Admg) : Set<string> list = g.Districts() |> Seq.map toSet |> List.ofSeq

    /// The subgraph induced by the nodes.
    let subgraph (nodes: string list) (g: Admg) : Admg = g.InducedSubgraph nodes

    /// G with the edges into the nodes removed (Pearl's G_{X̄}: the graph of do(X)).
    let removeIncoming (nodes: string list) (g: Admg) : Admg = g.RemoveIncomingEdges nodes

    /// G with the edges out of the nodes removed (G_{X̲}).
    let removeOutgoing (nodes: string list) (g: Admg) : Admg = g.RemoveOutgoingEdges nodes

    /// The latent projection onto the observed nodes.
    let projectLatents (g: Admg) : Admg = g.ProjectLatents()

    /// m-separation (d-separation): `g |> Admg.isSeparated ["a"] ["b"] ["c"]`.
    let isSeparated (x: string list) (y: string list) (given: string list) (g: Admg) : bool = g.IsMSeparated(x, y, given)

    /// The nodes m-connected to X given Z.
    let connected (x: string list) (given: string list) (g: Admg) = g.MConnectedNodes(x, given) |> toSet

    /// An I-minimal separator of X and Y, if any exists.
    let minimalSeparator (x: string list) (y: string list) (g: Admg) = g.FindMinimalSeparator(x, y) |> toOption

    /// Every minimal separator of X and Y (all of them: can be exponentially many; see `minimalSeparatorsSeq`).
    let minimalSeparators (x: string list) (y: string list) (g: Admg) : Set<string> list =
        g.ListMinimalSeparators(x, y) |> Seq.map toSet |> List.ofSeq

    /// Minimal separators, lazily (polynomial delay).
    let minimalSeparatorsSeq (x: string list) (y: string list) (g: Admg) : seq<Set<string>> =
        g.ListMinimalSeparators(x, y) |> Seq.map toSet

    /// Checks the generalised adjustment criterion; `Error reason` names forbidden nodes or an open path.
    let checkAdjustment (x: string list) (y: string list) (z: string list) (g: Admg) : Result<unit, string> =
        let c = g.CheckAdjustment(x, y, z)
        if c.IsValid then Ok() else Error c.Reason

    /// True when Z is a valid adjustment set for the effect of X on Y.
    let isAdjustmentSet (x: string list) (y: string list) (z: string list) (g: Admg) : bool = g.IsAdjustmentSet(x, y, z)

    /// True when Z satisfies Pearl's back-door criterion.
    let isBackdoorSet (x: string list) (y: string list) (z: string list) (g: Admg) : bool = g.IsBackdoorSet(x, y, z)

    /// All minimal adjustment sets for the effect of X on Y (`[]` when none exists, `[set []]` when none is needed).
    let adjustmentSets (x: string list) (y: string list) (g: Admg) : Set<string> list =
        g.ListMinimalAdjustmentSets(x, y) |> Seq.map toSet |> List.ofSeq

    /// Minimal adjustment sets, lazily (polynomial delay; there can be exponentially many).
    let adjustmentSetsSeq (x: string list) (y: string list) (g: Admg) : seq<Set<string>> =
        g.ListMinimalAdjustmentSets(x, y) |> Seq.map toSet

    /// The canonical adjustment set, if any adjustment set exists.
    let canonicalAdjustmentSet (x: string list) (y: string list) (g: Admg) = g.CanonicalAdjustmentSet(x, y) |> toOption

    /// One minimal adjustment set, if any exists.
    let minimalAdjustmentSet (x: string list) (y: string list) (g: Admg) = g.FindMinimalAdjustmentSet(x, y) |> toOption

    /// The optimal (O-) adjustment set, if defined and some adjustment set exists.
    let optimalAdjustmentSet (x: string list) (y: string list) (g: Admg) : Set<string> option =
        let r = g.OptimalAdjustmentSet(x, y)
        if r.Status = OptimalAdjustmentStatus.Found then toOption r.Set else None

    /// True when Z satisfies the front-door criterion.
    let isFrontDoorSet (x: string list) (y: string list) (z: string list) (g: Admg) : bool = g.IsFrontDoorSet(x, y, z)

    /// The maximal front-door set, if any front-door set exists.
    let frontDoorSet (x: string list) (y: string list) (g: Admg) = g.FindFrontDoorSet(x, y) |> toOption

    /// A minimal front-door set, if any exists.
    let minimalFrontDoorSet (x: string list) (y: string list) (g: Admg) = g.FindMinimalFrontDoorSet(x, y) |> toOption

    /// All front-door sets (can be exponentially many).
    let frontDoorSets (x: string list) (y: string list) (g: Admg) : Set<string> list =
        g.ListFrontDoorSets(x, y) |> Seq.map toSet |> List.ofSeq

    /// Conditional instruments for the effect of x on y: (instrument, conditioning set) pairs.
    let instruments (x: string) (y: string) (g: Admg) : (string * Set<string>) list =
        g.ConditionalInstruments(x, y) |> Seq.map (fun i -> i.Instrument, toSet i.Given) |> List.ofSeq

    /// The implied conditional independencies (every minimal separator of every non-adjacent pair).
    let impliedIndependencies (g: Admg) : ConditionalIndependence list = g.ImpliedIndependencies() |> List.ofSeq

    /// A complete basis of implied independencies (ordered local Markov property).
    let independenceBasis (g: Admg) : ConditionalIndependence list =
        g.ImpliedIndependencies(ImpliedIndependenceKind.Basis) |> List.ofSeq

    /// dagitty text.
    let toDagitty (g: Admg) : string = g.ToDagitty()

    /// Graphviz DOT.
    let toDot (g: Admg) : string = g.ToDot()

    /// A Mermaid flowchart.
    let toMermaid (g: Admg) : string = g.ToMermaid()
