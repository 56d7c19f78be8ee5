namespace CausalScript.FSharp

open CausalScript.Models
open CausalScript.Inference
open CausalScript.Diagrams

/// Curried, subject-last functions over string diagrams (<see cref="T:CausalScript.Diagrams.Diagram"/>, Jacobs,
/// Kissinger &amp; Zanasi 2019): `model |> Diagram.ofModel |> Diagram.cut [ S ] |> Diagram.marginal [ S; C ]`.
/// Diagrams compose with operators that resolve to members of the class: `f >=> g` (sequential, f then g),
/// `f *** g` (parallel, ⊗) and `f &&& g` (fan-out: copy the inputs to both). `***` binds tighter than `>=>` and
/// `&&&`, which bind equally and group to the left: `Diagram.copy S >=> Diagram.id [ S ] *** t` is
/// `Diagram.copy S >=> (Diagram.id [ S ] *** t)`.
[<RequireQualifiedAccess; CompilationRepresentation(CompilationRepresentationFlags.ModuleSuffix)>]
module Diagram =
    /// The network diagram of a model: one box per variable, latent outputs discarded (the state I → observed).
    let ofModel (model: Scm) : Diagram = Diagram.FromModel model

    /// The network diagram of a model exposing the given variables, in order (the others are discarded).
    let ofModelWith (outputs: Variable list) (model: Scm) : Diagram = Diagram.FromModel(model, outputs)

    /// A single box as a diagram.
    let ofBox (b: Box) : Diagram = Diagram.Of b

    /// A conditional probability table P(child | parents) as a box parents → child (named after the child);
    /// probabilities row-major over (parents…, child).
    let cpt (parents: Variable list) (child: Variable) (probabilities: float list) : Diagram =
        Diagram.Of(Box.Cpt(parents, child, probabilities))

    /// A prior P(child) as a state I → child.
    let prior (child: Variable) (probabilities: float list) : Diagram = cpt [] child probabilities

    /// A box with a table in doubles.
    let ofChannel (name: string) (channel: Channel<float>) : Diagram = Diagram.Of(Box.FromChannel(name, channel))

    /// A box with an exact table.
    let ofExactChannel (name: string) (channel: Channel<Rational>) : Diagram = Diagram.Of(Box.FromChannel(name, channel))

    /// The point state I → v at a value (a Dirac distribution).
    let point (v: Variable) (value: 'T) : Diagram = Diagram.Point(v, box value)

    /// The uniform state I → v.
    let uniform (v: Variable) : Diagram = Diagram.Uniform v

    /// The identity on the wires (the empty list: the unit I).
    let id (wires: Variable list) : Diagram = Diagram.Id wires

    /// Copy v → v ⊗ v.
    let copy (v: Variable) : Diagram = Diagram.Copy(v, 2)

    /// Copy v → v ⊗ … ⊗ v (n copies; 0 is discard).
    let copyN (n: int) (v: Variable) : Diagram = Diagram.Copy(v, n)

    /// Discard the wires (marginalisation).
    let discard (wires: Variable list) : Diagram = Diagram.Discard wires

    /// The swap a ⊗ b → b ⊗ a.
    let swap (a: Variable) (b: Variable) : Diagram = Diagram.Swap(a, b)

    /// Sequential composition in pipeline order: `d |> Diagram.andThen next` is `d >=> next`.
    let andThen (next: Diagram) (d: Diagram) : Diagram = d.Then next

    /// Parallel composition: `d |> Diagram.tensor right` is `d *** right`.
    let tensor (right: Diagram) (d: Diagram) : Diagram = d.Tensor right

    /// Fan-out: `d |> Diagram.fanOut right` is `d &&& right`.
    let fanOut (right: Diagram) (d: Diagram) : Diagram = d.FanOut right

    /// cut_X for each variable: its mechanism becomes discard(parents) ; uniform (JKZ Def. 4.1).
    let cut (variables: Variable list) (d: Diagram) : Diagram = d.Cut(List.toArray variables)

    /// do(X = x): each mechanism becomes discard(parents) ; point(x). (`do` is an F# keyword.)
    let doing (assignments: Assignment list) (d: Diagram) : Diagram = d.Do(List.toArray assignments)

    /// Each variable's mechanism is removed and the variable becomes a new input wire, so a state I → Y becomes the
    /// channel X → Y = P(y | do(x)). (`open` is an F# keyword.)
    let openWire (variables: Variable list) (d: Diagram) : Diagram = d.Open(List.toArray variables)

    /// Keeps the named outputs, in that order, and discards the others.
    let marginal (outputs: Variable list) (d: Diagram) : Diagram = d.Marginal outputs

    /// Removes the boxes whose outputs are all discarded, repeatedly.
    let normalize (d: Diagram) : Diagram = d.Normalize()

    /// Replaces every box for which the function returns `Some` diagram of the same type.
    let rewrite (replace: Box -> Diagram option) (d: Diagram) : Diagram =
        d.Rewrite(fun b ->
            match replace b with
            | Some r -> r
            | None -> null)

    /// The input wires.
    let dom (d: Diagram) : Variable list = List.ofSeq d.Dom

    /// The output wires.
    let cod (d: Diagram) : Variable list = List.ofSeq d.Cod

    /// The boxes, in a topological order.
    let boxes (d: Diagram) : Box list = List.ofSeq d.Boxes

    /// "S ⊗ T → C".
    let signature (d: Diagram) : string = d.Signature

    /// The stochastic matrix in doubles (FinStoch; every generator box needs a table or mechanism).
    let eval (d: Diagram) : Channel<float> = Stoch.Evaluate d

    /// The stochastic matrix in exact rationals.
    let evalExact (d: Diagram) : Channel<Rational> = Stoch.EvaluateExact d

    /// The diagram as a standalone SVG (bottom to top, JKZ convention).
    let toSvg (d: Diagram) : string = DiagramSvg.Render d

    /// The diagram as SVG with options: `d |> Diagram.toSvgWith (DiagramSvgOptions(Title = "ω"))`.
    let toSvgWith (options: DiagramSvgOptions) (d: Diagram) : string = DiagramSvg.Render(d, options)

    /// Writes the SVG to a file (UTF-8, creating its folder).
    let saveSvg (path: string) (d: Diagram) : unit = DiagramSvg.Save(d, path)

/// Channels (FinStoch morphisms): marginals, conditionals and disintegration of joint states.
[<RequireQualifiedAccess>]
module Channel =
    /// The marginal of a state on the named outputs.
    let marginal (keep: Variable list) (state: Channel<'T>) = state.Marginal(keep)
    /// P(outputs | given) from a state (a state without full support on `given` is a DiagramException naming the zero
    /// entries).
    let conditional (outputs: Variable list) (given: Variable list) (state: Channel<'T>) = state.Conditional(outputs, given)
    /// P(outputs | inputs) at values (inputs first, then outputs).
    let at (values: obj list) (channel: Channel<'T>) = channel.At(Array.ofList values)

/// Identification by comb disintegration (Jacobs, Kissinger & Zanasi 2019): `g |> Comb.identify [ "S" ] [ "C" ]`
/// returns `Ok` with the estimand and the witness, or `Error` with the reason and the ID engine's verdict.
[<RequireQualifiedAccess>]
module Comb =
    let private ofResult (result: CombResult) : Result<CombComputable, CombNotComputable> =
        match result with
        | :? CombComputable as c -> Ok c
        | :? CombNotComputable as n -> Error n
        | r -> invalidArg (nameof result) (sprintf "Unknown comb result %O" r)

    /// Searches a comb witness for P(outcomes | do(treatments)) in a causal graph (latent nodes kept).
    let identify (treatments: string list) (outcomes: string list) (graph: CausalScript.Graphs.Admg) =
        CombIdentification.Identify(graph, treatments, outcomes) |> ofResult

    /// Searches a comb witness in a model's full DAG.
    let identifyModel (treatments: Variable list) (outcomes: Variable list) (model: Scm) =
        CombIdentification.Identify(model, treatments, outcomes) |> ofResult

    /// P(outcomes | do(treatments)) from an observed joint state, by comb disintegration with the witness.
    let effect (witness: CombWitness) (observed: Channel<'T>) = CombIdentification.Effect(observed, witness)
