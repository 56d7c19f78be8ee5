/// The test-side brute-force oracle for the graph layer (graph-algorithms.md §10). Everything here is written from
/// the path definitions, with plain F# sets and lists: no bitsets, no reachability rules and no call into the
/// library's algorithms. It is exponential on purpose; keep graphs at about 8 nodes (10 for the cheaper checks).
module CausalScript.Tests.Graphs.Reference

open System
open System.Collections.Generic
open CausalScript.Graphs

/// The mark an edge has at one of its end nodes.
type Mark =
    | Tail
    | Head

/// One step from a node over one edge: the node reached, the mark at the node we leave, and the mark at the node
/// we reach. Parallel edges (a → b and a ↔ b) are different steps, so they give different paths.
type Step = { To: string; AtFrom: Mark; AtTo: Mark }

/// A plain ADMG: node names in declaration order, directed edges, bidirected edges, latent flags.
type RGraph(nodes: string list, directed: (string * string) list, bidirected: (string * string) list, latent: Set<string>) =
    let steps =
        let d = Dictionary<string, Step list>()
        for v in nodes do d[v] <- []
        let add v s = d[v] <- s :: d[v]
        for (a, b) in directed do
            add a { To = b; AtFrom = Tail; AtTo = Head }
            add b { To = a; AtFrom = Head; AtTo = Tail }
        for (a, b) in bidirected do
            add a { To = b; AtFrom = Head; AtTo = Head }
            add b { To = a; AtFrom = Head; AtTo = Head }
        for v in nodes do d[v] <- List.rev d[v]
        d
    let children = nodes |> List.map (fun v -> v, [ for (a, b) in directed do if a = v then b ]) |> dict
    let parents = nodes |> List.map (fun v -> v, [ for (a, b) in directed do if b = v then a ]) |> dict

    member _.Nodes = nodes
    member _.Directed = directed
    member _.Bidirected = bidirected
    member _.Latent = latent
    member _.Observed = nodes |> List.filter (fun v -> not (latent.Contains v))
    member _.HasLatents = not latent.IsEmpty
    member _.IsDag = List.isEmpty bidirected
    member _.Steps(v: string) = steps[v]
    member _.Children(v: string) = children[v]
    member _.Parents(v: string) = parents[v]

    /// dagitty text (used in failure messages; parseable by Admg.Parse).
    override _.ToString() =
        let parts =
            [ for (a, b) in directed do yield sprintf "%s -> %s" a b
              for (a, b) in bidirected do yield sprintf "%s <-> %s" a b
              for v in nodes do
                  if latent.Contains v then yield sprintf "%s [latent]" v
                  elif not (directed |> List.exists (fun (a, b) -> a = v || b = v))
                       && not (bidirected |> List.exists (fun (a, b) -> a = v || b = v)) then yield v ]
        "dag { " + String.Join("; ", parts) + " }"

// ---------------------------------------------------------------------------------------------------------------
// Conversions and small set helpers
// ---------------------------------------------------------------------------------------------------------------

/// Reads a library graph as plain lists (only its node names, edge lists and latent flags).
let ofAdmg (g: Admg) =
    RGraph(
        List.ofSeq g.Nodes,
        [ for e in g.DirectedEdges -> e.From, e.To ],
        [ for e in g.BidirectedEdges -> e.From, e.To ],
        Set.ofSeq g.Latent)

/// Builds the library graph with the builder (nodes first, so declaration order is the reference order).
let toAdmg (r: RGraph) =
    let b = Admg.CreateBuilder()
    for v in r.Nodes do b.Node v |> ignore
    for (a, c) in r.Directed do b.Edge(a, c) |> ignore
    for (a, c) in r.Bidirected do b.Bidirected(a, c) |> ignore
    if r.HasLatents then b.Latent(r.Latent) |> ignore
    b.Build()

/// "{a, b}" (declaration order does not matter in the oracle: sets print sorted).
let fmt (s: Set<string>) = "{" + String.Join(", ", s) + "}"

let fmtSets (ss: Set<string> seq) = "[" + String.Join("; ", ss |> Seq.map fmt) + "]"

/// Every subset of the given nodes (2^n of them, smallest first).
let subsets (nodes: string list) : Set<string> list =
    let rec go =
        function
        | [] -> [ Set.empty ]
        | v :: rest ->
            let r = go rest
            r @ (r |> List.map (Set.add v))
    go nodes |> List.sortBy Set.count

/// All sets Z with include ⊆ Z ⊆ restrict.
let interval (includeSet: Set<string>) (restrict: Set<string>) =
    subsets (Set.toList (restrict - includeSet)) |> List.map (Set.union includeSet)

/// The inclusion-minimal members of a family (a member is dropped when another member is a proper subset of it).
/// Applied to "all valid sets in [I, R]" this is exactly I-minimality.
let minimalMembers (family: Set<string> list) =
    family |> List.filter (fun z -> not (family |> List.exists (fun z' -> z' <> z && Set.isSubset z' z)))

// ---------------------------------------------------------------------------------------------------------------
// Family relations (directed edges only; An and De include the start nodes)
// ---------------------------------------------------------------------------------------------------------------

let rec private closure (next: string -> string list) (acc: Set<string>) (frontier: string list) =
    match frontier with
    | [] -> acc
    | v :: rest ->
        let fresh = next v |> List.filter (fun w -> not (acc.Contains w))
        closure next (Set.union acc (Set.ofList fresh)) (fresh @ rest)

let ancestors (g: RGraph) (s: Set<string>) = closure g.Parents s (Set.toList s)
let descendants (g: RGraph) (s: Set<string>) = closure g.Children s (Set.toList s)

/// G_{X̲}: the directed edges out of X removed.
let removeOutgoing (g: RGraph) (xs: Set<string>) =
    RGraph(g.Nodes, g.Directed |> List.filter (fun (a, _) -> not (xs.Contains a)), g.Bidirected, g.Latent)

/// G_{X̄}: the edges with an arrowhead at X removed (→x and ↔x).
let removeIncoming (g: RGraph) (xs: Set<string>) =
    RGraph(
        g.Nodes,
        g.Directed |> List.filter (fun (_, b) -> not (xs.Contains b)),
        g.Bidirected |> List.filter (fun (a, b) -> not (xs.Contains a || xs.Contains b)),
        g.Latent)

/// The graph with the given directed edges removed.
let removeDirected (g: RGraph) (edges: Set<string * string>) =
    RGraph(g.Nodes, g.Directed |> List.filter (fun e -> not (edges.Contains e)), g.Bidirected, g.Latent)

/// Districts: components of the ↔ edges, as a set of sets.
let districts (g: RGraph) =
    let spouses v = [ for (a, b) in g.Bidirected do if a = v then b elif b = v then a ]
    g.Nodes |> List.map (fun v -> closure spouses (Set.singleton v) [ v ]) |> Set.ofList

// ---------------------------------------------------------------------------------------------------------------
// Paths and m-separation (path definition: every non-collider outside Z, every collider in An(Z))
// ---------------------------------------------------------------------------------------------------------------

/// Is an interior node v, entered with mark `entered` and left with mark `leaving`, open given Z?
let private interiorOpen (zs: Set<string>) (anZ: Set<string>) (v: string) (entered: Mark) (leaving: Mark) =
    if entered = Head && leaving = Head then anZ.Contains v else not (zs.Contains v)

/// Depth-first search over the simple paths from `start` whose every interior node is open given Z. `enter w`
/// decides whether a path may visit w at all; `visit` is called with the end node, the reversed node list and
/// whether every edge so far points forward (a directed path); it returns true to stop the whole search.
let private searchOpenPaths (g: RGraph) (zs: Set<string>) (enter: string -> bool) (start: string)
                            (visit: string -> string list -> bool -> bool) =
    let anZ = ancestors g zs
    let rec go (v: string) (entered: Mark option) (visited: Set<string>) (path: string list) (directed: bool) =
        g.Steps v
        |> List.exists (fun s ->
            not (visited.Contains s.To)
            && enter s.To
            && (match entered with
                | None -> true
                | Some m -> interiorOpen zs anZ v m s.AtFrom)
            && (let directed' = directed && s.AtFrom = Tail && s.AtTo = Head
                let path' = s.To :: path
                visit s.To path' directed' || go s.To (Some s.AtTo) (visited.Add s.To) path' directed'))
    go start None (Set.singleton start) [ start ] true

/// Some path between X and Y is open given Z (X ∩ Y ≠ ∅ counts as connected).
let mConnected (g: RGraph) (xs: Set<string>) (ys: Set<string>) (zs: Set<string>) =
    not (Set.intersect xs ys).IsEmpty
    || xs |> Seq.exists (fun x -> searchOpenPaths g zs (fun _ -> true) x (fun w _ _ -> ys.Contains w))

/// X ⊥ Y | Z by enumerating simple paths.
let mSeparated g xs ys zs = not (mConnected g xs ys zs)

/// The nodes v ∉ Z joined to some x ∈ X \ {v} by a path open given Z.
let mConnectedNodes (g: RGraph) (xs: Set<string>) (zs: Set<string>) =
    let reached = HashSet<string>()
    for x in xs do
        searchOpenPaths g zs (fun _ -> true) x (fun w _ _ -> reached.Add w |> ignore; false) |> ignore
    Set.ofSeq reached - zs

/// All m-separators Z of X and Y with I ⊆ Z ⊆ R.
let separators g xs ys includeSet restrict =
    interval includeSet restrict |> List.filter (mSeparated g xs ys)

/// All I-minimal m-separators in [I, R].
let minimalSeparators g xs ys includeSet restrict = minimalMembers (separators g xs ys includeSet restrict)

/// m-separation by the augmented-graph criterion (Richardson 2003), a second, independent oracle that scales to the
/// 64+-node graphs on which path enumeration is hopeless: X ⊥ Y | Z iff X and Y are disconnected in the augmented
/// graph of G[An(X ∪ Y ∪ Z)] minus Z (every edge made undirected, and every district D of G[A] joined with pa(D)
/// into a clique). It is checked against path enumeration on small graphs.
let mSeparatedAugmented (g: RGraph) (xs: Set<string>) (ys: Set<string>) (zs: Set<string>) =
    if not (Set.intersect xs ys).IsEmpty then false else
    let a = ancestors g (xs + ys + zs)
    let adj = Dictionary<string, HashSet<string>>()
    for v in a do adj[v] <- HashSet<string>()
    let link u v =
        if u <> v then
            adj[u].Add v |> ignore
            adj[v].Add u |> ignore
    for (u, v) in g.Directed do if a.Contains u && a.Contains v then link u v
    for (u, v) in g.Bidirected do if a.Contains u && a.Contains v then link u v
    let inA = RGraph(g.Nodes |> List.filter a.Contains,
                     g.Directed |> List.filter (fun (u, v) -> a.Contains u && a.Contains v),
                     g.Bidirected |> List.filter (fun (u, v) -> a.Contains u && a.Contains v), Set.empty)
    for d in districts inA do
        let family = d + (d |> Seq.collect inA.Parents |> Set.ofSeq) |> Set.toArray
        for i in 0 .. family.Length - 1 do
            for j in i + 1 .. family.Length - 1 do link family[i] family[j]
    let seen = HashSet<string>(xs)
    let queue = Queue<string>(xs)
    let mutable connected = false
    while not connected && queue.Count > 0 do
        let v = queue.Dequeue()
        for w in adj[v] do
            if not (zs.Contains w) && seen.Add w then
                if ys.Contains w then connected <- true
                queue.Enqueue w
    not connected

/// I-minimality by single-node removal, for graphs too large for subset enumeration: Z is an I-minimal separator iff
/// it separates, lies in A = An(X ∪ Y ∪ I), and no Z \ {z} (z ∈ Z \ I) separates. (Within A, m-separation is vertex
/// separation in one undirected augmented graph, where supersets of separators separate.) Checked against subset
/// enumeration on small graphs.
let isMinimalSeparatorBySingleRemoval (g: RGraph) xs ys (includeSet: Set<string>) (zs: Set<string>) =
    Set.isSubset includeSet zs
    && mSeparatedAugmented g xs ys zs
    && Set.isSubset zs (ancestors g (xs + ys + includeSet))
    && (zs - includeSet) |> Seq.forall (fun z -> not (mSeparatedAugmented g xs ys (zs.Remove z)))

// ---------------------------------------------------------------------------------------------------------------
// Latent projection, from its definition (§2)
// ---------------------------------------------------------------------------------------------------------------

/// The ADMG over the observed nodes: a → b iff a directed path a → … → b has only latent interior nodes; a ↔ b iff
/// some path between a and b with arrowheads at both ends has only latent, non-collider interior nodes.
let project (g: RGraph) =
    if not g.HasLatents then g else
    let observed = g.Observed
    let directed =
        [ for a in observed do
            let rec reach v (seen: Set<string>) =
                [ for c in g.Children v do
                    if not (seen.Contains c) then
                        if g.Latent.Contains c then yield! reach c (seen.Add c) else yield c ]
            for b in reach a (Set.singleton a) |> List.distinct do
                if b <> a then yield a, b ]
    // ↔: walk from a with an arrowhead at a, through latent non-colliders, to an observed b entered at an arrowhead.
    let bidirected =
        [ for a in observed do
            let ends = HashSet<string>()
            let rec go (v: string) (entered: Mark option) (visited: Set<string>) =
                for s in g.Steps v do
                    if not (visited.Contains s.To) then
                        let ok =
                            match entered with
                            | None -> s.AtFrom = Head
                            | Some m -> not (m = Head && s.AtFrom = Head) // interior latent must be a non-collider
                        if ok then
                            if g.Latent.Contains s.To then go s.To (Some s.AtTo) (visited.Add s.To)
                            elif s.AtTo = Head then ends.Add s.To |> ignore
            go a None (Set.singleton a)
            for b in ends do
                if String.CompareOrdinal(a, b) < 0 then yield a, b ]
    RGraph(observed, directed, bidirected, Set.empty)

// ---------------------------------------------------------------------------------------------------------------
// Causal paths, the forbidden set and the adjustment criterion (§3, §4), from path definitions
// ---------------------------------------------------------------------------------------------------------------

/// Calls `f` with every directed path (reversed node list) from a node of X that never re-enters X.
let private properDirectedPaths (g: RGraph) (xs: Set<string>) (f: string list -> unit) =
    let rec go v path =
        for c in g.Children v do
            if not (xs.Contains c) then
                let path' = c :: path
                f path'
                go c path'
    for x in xs do go x [ x ]

/// pcp(X, Y): the nodes other than X on proper causal paths (directed, only the first node in X) from X to Y.
let properCausalNodes (g: RGraph) (xs: Set<string>) (ys: Set<string>) =
    let acc = HashSet<string>()
    properDirectedPaths g xs (fun path ->
        if ys.Contains(List.head path) then
            for v in path do if not (xs.Contains v) then acc.Add v |> ignore)
    Set.ofSeq acc

/// Dpcp(X, Y) = De(pcp(X, Y)).
let forbidden g xs ys = descendants g (properCausalNodes g xs ys)

/// The generalised adjustment criterion (Shpitser et al. 2010; Perković et al. 2018): Z ∩ Dpcp = ∅ and every
/// proper non-causal path from X to Y is blocked by Z. Paths are enumerated in G itself (latent nodes stay in the
/// graph as ordinary, never-conditioned nodes).
let isAdjustment (g: RGraph) (xs: Set<string>) (ys: Set<string>) (zs: Set<string>) =
    Set.intersect zs (forbidden g xs ys) |> Set.isEmpty
    && not (xs |> Seq.exists (fun x ->
        searchOpenPaths g zs (fun w -> not (xs.Contains w)) x (fun w _ directed -> ys.Contains w && not directed)))

/// Pearl's back-door criterion for sets: Z ∩ De(X) = ∅ and X ⊥ Y | Z in G_{X̲}.
let isBackdoor (g: RGraph) xs ys (zs: Set<string>) =
    Set.intersect zs (descendants g xs) |> Set.isEmpty && mSeparated (removeOutgoing g xs) xs ys zs

/// pcp(X, Y) by two searches instead of path enumeration (for large graphs): nodes reachable from X by directed
/// paths that never re-enter X, from which Y is reachable by a directed path avoiding X.
let properCausalNodesBySearch (g: RGraph) (xs: Set<string>) (ys: Set<string>) =
    let forward = closure (fun v -> g.Children v |> List.filter (fun w -> not (xs.Contains w))) Set.empty (Set.toList xs)
    let backward = closure (fun v -> g.Parents v |> List.filter (fun w -> not (xs.Contains w))) (ys - xs) (Set.toList (ys - xs))
    Set.intersect forward backward

/// The CBC (van der Zander et al. 2019) with the augmented-graph separation oracle, for large graphs without latent
/// nodes: Z ∩ Dpcp = ∅ and X ⊥ Y | Z in the proper back-door graph.
let isAdjustmentCbc (g: RGraph) xs ys (zs: Set<string>) =
    let pcp = properCausalNodesBySearch g xs ys
    let pbd = removeDirected g (Set.ofList [ for x in xs do for w in pcp -> x, w ])
    Set.intersect zs (descendants g pcp) |> Set.isEmpty && mSeparatedAugmented pbd xs ys zs

/// All adjustment sets in [I, R].
let adjustmentSets g xs ys includeSet restrict =
    interval includeSet restrict |> List.filter (isAdjustment g xs ys)

/// The default candidate nodes for a set-finding query: observed nodes outside X and Y.
let defaultRestrict (g: RGraph) (xs: Set<string>) (ys: Set<string>) = Set.ofList g.Observed - xs - ys

/// The canonical set Adjust(X, Y) = (An(X ∪ Y ∪ I) ∩ R) \ (X ∪ Y ∪ Dpcp), computed from the reference relations.
let canonicalAdjustment (g: RGraph) xs ys includeSet restrict =
    Set.intersect (ancestors g (xs + ys + includeSet)) restrict - xs - ys - forbidden g xs ys

// ---------------------------------------------------------------------------------------------------------------
// Front-door criterion (§7): three conditions by path enumeration on mutilated graphs
// ---------------------------------------------------------------------------------------------------------------

/// Some directed path from X to Y avoids Z.
let directedPathAvoiding (g: RGraph) (xs: Set<string>) (ys: Set<string>) (zs: Set<string>) =
    let rec go v (visited: Set<string>) =
        g.Children v
        |> List.exists (fun c -> not (zs.Contains c) && not (visited.Contains c) && (ys.Contains c || go c (visited.Add c)))
    xs |> Seq.exists (fun x -> go x (Set.singleton x))

/// Pearl's front-door criterion for sets: (1) Z intercepts every directed path from X to Y; (2) X ⊥ Z in G_{X̲};
/// (3) Z ⊥ Y | X in G_{Z̲}. The empty set passes (2) and (3) trivially.
let isFrontDoor (g: RGraph) (xs: Set<string>) (ys: Set<string>) (zs: Set<string>) =
    not (directedPathAvoiding g xs ys zs)
    && (zs.IsEmpty || mSeparated (removeOutgoing g xs) xs zs Set.empty)
    && (zs.IsEmpty || mSeparated (removeOutgoing g zs) zs ys xs)

/// All front-door sets in [I, R].
let frontDoorSets g xs ys includeSet restrict =
    interval includeSet restrict |> List.filter (isFrontDoor g xs ys)

// ---------------------------------------------------------------------------------------------------------------
// Conditional instruments (§8, HBM24 definition), on the projection
// ---------------------------------------------------------------------------------------------------------------

/// (z, W) is a conditional instrument for x → y in an ADMG without latent nodes (HBM24): ({z} ∪ W) ∩ forb = ∅,
/// x ⊥̸ z | W in G and y ⊥ z | W in G̃, where cn = (De(x) ∩ An(y)) \ {x}, forb = De(cn) ∪ {x} and G̃ drops the
/// edges x → c, c ∈ cn. Use `isConditionalInstrument` for graphs with latent nodes.
let isConditionalInstrumentIn (g: RGraph) (x: string) (y: string) (z: string) (ws: Set<string>) =
    let cn = Set.intersect (descendants g (Set.singleton x)) (ancestors g (Set.singleton y)) |> Set.remove x
    let forb = descendants g cn |> Set.add x
    let gt = removeDirected g (cn |> Set.map (fun c -> x, c))
    not (ws.Contains z)
    && Set.intersect (Set.add z ws) forb |> Set.isEmpty
    && mConnected g (Set.singleton x) (Set.singleton z) ws
    && mSeparated gt (Set.singleton y) (Set.singleton z) ws

/// The same on the latent projection (§8 requires projection: G̃ does not commute with projecting latents).
let isConditionalInstrument (g: RGraph) x y z ws = isConditionalInstrumentIn (project g) x y z ws

// ---------------------------------------------------------------------------------------------------------------
// Implied independencies (§9)
// ---------------------------------------------------------------------------------------------------------------

/// Kahn's topological order with ties broken by declaration order (smallest index first among the ready nodes).
let topologicalOrder (g: RGraph) =
    let index = g.Nodes |> List.mapi (fun i v -> v, i) |> dict
    let rec kahn (order: string list) (placed: Set<string>) =
        let ready =
            g.Nodes |> List.filter (fun v -> not (placed.Contains v) && g.Parents v |> List.forall placed.Contains)
        match ready |> List.sortBy (fun v -> index[v]) with
        | [] -> List.rev order
        | v :: _ -> kahn (v :: order) (placed.Add v)
    kahn [] Set.empty

/// The ordered-local-Markov DAG basis over `topologicalOrder`: v ⊥ pre(v) \ pa(v) | pa(v) for every v with a
/// non-empty left-hand side. Statements are ({v}, rest, parents).
let dagBasis (g: RGraph) =
    let order = topologicalOrder g
    [ for i, v in List.indexed order do
        let pre = Set.ofList (List.take i order)
        let pa = Set.ofList (g.Parents v)
        let rest = pre - pa
        if not rest.IsEmpty then Set.singleton v, rest, pa ]

/// The ADMG basis of §9 (Richardson 2003, ordered local Markov property over ancestral sets), by subset enumeration
/// on the projection: for each v (in `topologicalOrder`) and each ancestral A with v ∈ A ⊆ pre(v) ∪ {v}, let D be the
/// district of v in G[A] and M = (D ∪ pa(D)) \ {v}; collect A \ (M ∪ {v}) under the key (v, M) by union, and emit
/// v ⊥ R | M for every non-empty R.
let admgBasis (g0: RGraph) =
    let g = project g0
    let order = topologicalOrder g
    [ for i, v in List.indexed order do
        let pre = List.take i order
        let merged = Dictionary<Set<string>, Set<string>>(HashIdentity.Structural)
        for s in subsets pre do
            let a = Set.add v s
            if ancestors g a = a then
                let inA = RGraph(g.Nodes |> List.filter a.Contains,
                                 g.Directed |> List.filter (fun (p, c) -> a.Contains p && a.Contains c),
                                 g.Bidirected |> List.filter (fun (p, c) -> a.Contains p && a.Contains c), Set.empty)
                let d = districts inA |> Seq.find (fun d -> d.Contains v)
                let m = (d + (d |> Seq.collect g.Parents |> Set.ofSeq)) |> Set.remove v
                let rest = a - m |> Set.remove v
                merged[m] <- (match merged.TryGetValue m with
                              | true, r -> r + rest
                              | _ -> rest)
        for KeyValue(m, rest) in merged do
            if not rest.IsEmpty then Set.singleton v, rest, m ]

/// The optimal adjustment set of §6 with the ADMG extension (Runge 2021), computed from the reference relations on
/// the projection: Some set, or None for "no valid set"; only for Y ⊆ De(X).
let optimalAdjustment (g0: RGraph) (xs: Set<string>) (ys: Set<string>) =
    let g = project g0
    let cn = properCausalNodes g xs ys
    let forb = descendants g cn + xs
    if not (Set.intersect xs (descendants g cn)).IsEmpty then None else
    let o = (cn |> Seq.collect g.Parents |> Set.ofSeq) - forb
    if g.IsDag then Some o else
    let anXy = ancestors g (xs + ys) - forb
    let given = o + anXy
    let spouses v = [ for (a, b) in g.Bidirected do if a = v then b elif b = v then a ]
    let rec walk (frontier: string list) (visited: Set<string>) (c: Set<string>) =
        match frontier with
        | [] -> Some c
        | v :: rest ->
            let fresh = spouses v |> List.filter (fun s -> not (visited.Contains s)) |> List.distinct
            if fresh |> List.exists xs.Contains then None else
            let accepted =
                fresh |> List.filter (fun s ->
                    not (forb.Contains s)
                    && (anXy.Contains s || mSeparated g (Set.singleton s) xs (given.Remove s)))
            walk (rest @ accepted) (visited + Set.ofList fresh) (c + Set.ofList accepted)
    match walk (Set.toList cn) cn Set.empty with
    | None -> None
    | Some c ->
        let paC = c |> Seq.collect g.Parents |> Set.ofSeq
        if not (Set.intersect paC xs).IsEmpty then None else Some(o + c + paC)
