/// Expectations on node sets that keep "none" (null) and "the empty set" apart and compare families of sets
/// order-insensitively (graph-algorithms.md §0, result conventions).
module CausalScript.Tests.Graphs.ExpectSets

open Expecto
open CausalScript.Graphs
open CausalScript.Tests.Graphs.Reference

/// The names of a set; null stays None.
let toSet (s: NodeSet | null) : Set<string> option =
    match s with
    | Null -> None
    | NonNull s -> Some(Set.ofSeq s)

let show (s: Set<string> option) =
    match s with
    | None -> "none (null)"
    | Some z -> fmt z

/// The set must be non-null and equal to `expected` ([] is the empty set, which is not "none").
let set (actual: NodeSet | null) (expected: string list) (message: string) =
    match toSet actual with
    | None -> failtestf "%s: expected %s, got none (null)" message (fmt (Set.ofList expected))
    | Some a when a <> Set.ofList expected -> failtestf "%s: expected %s, got %s" message (fmt (Set.ofList expected)) (fmt a)
    | Some _ -> ()

/// The result must be null ("no set exists").
let none (actual: NodeSet | null) (message: string) =
    match toSet actual with
    | None -> ()
    | Some a -> failtestf "%s: expected none (null), got %s" message (fmt a)

/// The sequence must hold exactly the expected sets, each once, in any order.
let sets (actual: NodeSet seq) (expected: string list list) (message: string) =
    let a = actual |> Seq.map Set.ofSeq |> List.ofSeq
    let e = expected |> List.map Set.ofList |> Set.ofList
    if List.length a <> (Set.ofList a).Count then failtestf "%s: duplicate sets in %s" message (fmtSets a)
    if Set.ofList a <> e then failtestf "%s: expected %s, got %s" message (fmtSets e) (fmtSets a)

/// The same for two families given as F# sets (property tests against the oracle).
let family (actual: NodeSet seq) (expected: Set<string> seq) (message: string) =
    let a = actual |> Seq.map Set.ofSeq |> List.ofSeq
    let e = Set.ofSeq expected
    if List.length a <> (Set.ofList a).Count then failtestf "%s: duplicate sets in %s" message (fmtSets a)
    if Set.ofList a <> e then
        failtestf "%s:\n  expected %s\n  got      %s\n  missing  %s\n  extra    %s" message (fmtSets e) (fmtSets a)
            (fmtSets (e - Set.ofList a)) (fmtSets (Set.ofList a - e))

/// The exception raised by `f`, which must be (a subclass of) 'T.
let throws<'T when 'T :> exn> (f: unit -> unit) (message: string) : 'T =
    let result =
        try
            f ()
            None
        with
        | :? 'T as e -> Some e
        | e -> failtestf "%s: expected %s, got %s: %s" message typeof<'T>.Name (e.GetType().Name) e.Message
    match result with
    | Some e -> e
    | None -> failtestf "%s: expected %s, nothing was thrown" message typeof<'T>.Name

/// The text must contain the fragment.
let contains (text: string) (fragment: string) (message: string) =
    if not (text.Contains(fragment: string)) then failtestf "%s: expected %A to contain %A" message text fragment

/// Fails unless two doubles agree to 1e-12.
let close (expected: float) (actual: float) (message: string) =
    if not (abs (expected - actual) <= 1e-12) then failtestf "%s: expected %.17g, got %.17g" message expected actual
