/// Drawing string diagrams (src/CausalScript/Diagrams/DiagramSvg.cs): well-formed SVG, one element per box, copy dots
/// and discard marks counted on small diagrams, cut marks after surgery, escaping and determinism.
module CausalScript.Tests.Diagrams.DiagramSvgTests

open System
open System.IO
open System.Xml.Linq
open Expecto
open CausalScript.Models
open CausalScript.Diagrams
open CausalScript.Tests.Diagrams.DiagramTests

let private svgNs = XNamespace.Get "http://www.w3.org/2000/svg"

let private attr (name: string) (e: XElement) =
    match e.Attribute(XName.Get name) with
    | null -> ""
    | a -> a.Value

let private classes (e: XElement) = (attr "class" e).Split(' ', StringSplitOptions.RemoveEmptyEntries)

/// The parsed drawing (parsing fails the test if the text is not well-formed XML).
let private draw (d: Diagram) = XDocument.Parse(d.ToSvg())

let private root (doc: XDocument) = nonNull doc.Root

/// The elements carrying all the given classes.
let private having (cls: string list) (doc: XDocument) =
    doc.Descendants() |> Seq.filter (fun e -> cls |> List.forall (fun c -> Array.contains c (classes e))) |> List.ofSeq

let private count cls doc = having cls doc |> List.length

/// (copy dots, discards, cut discards, cut boxes, scissors)
let private marks (d: Diagram) =
    let doc = draw d
    count [ "copy" ] doc, count [ "discard" ] doc, count [ "discard"; "cut" ] doc, count [ "box"; "cut" ] doc, count [ "scissors" ] doc

/// The y of a box's name (SVG y grows downwards).
let private nameY (boxName: string) (doc: XDocument) =
    having [ "box" ] doc
    |> List.find (fun g -> attr "data-name" g = boxName)
    |> fun g -> g.Elements(svgNs + "text") |> Seq.head |> attr "y" |> float

let private z, x = Variable.Bool "Z", Variable.Bool "X"

/// Z → X, both observed.
let private chain =
    Scm.Create("chain").Node(z, Mechanism.Prior([ 0.5; 0.5 ])).Node(x, Mechanism.Cpt([ z ], [ 0.9; 0.1; 0.2; 0.8 ])).Build()

[<Tests>]
let tests =
    testList "Diagrams.DiagramSvg" [
        testCase "the smoking diagram is an SVG document with one box element per box, in order, named" <| fun () ->
            let d = Diagram.FromModel smoking
            let doc = draw d
            Expect.equal (root doc).Name (svgNs + "svg") "root"
            let boxes = having [ "box" ] doc
            Expect.equal [ for g in boxes -> attr "data-name" g ] [ "H"; "S"; "T"; "C" ] "one per box, in order"
            Expect.equal [ for g in boxes -> (g.Elements(svgNs + "text") |> Seq.head).Value ] [ "H"; "S"; "T"; "C" ] "names drawn"
            Expect.equal [ for g in boxes -> attr "data-kind" g ] [ "generator"; "generator"; "generator"; "generator" ] "kinds"
            Expect.equal ((root doc).Element(svgNs + "title") |> Option.ofObj |> Option.map (fun t -> t.Value)) (Some "I → S ⊗ T ⊗ C") "title"
            Expect.equal (count [ "wire" ] doc > 0) true "wires"

        testCase "diagrams read bottom to top: H below S below T below C; an opened input enters at the bottom" <| fun () ->
            let doc = draw (Diagram.FromModel smoking)
            let ys = [ for b in [ "H"; "S"; "T"; "C" ] -> nameY b doc ]
            Expect.equal ys (List.sortDescending ys) "y decreases up the causal order"
            Expect.isTrue (ys |> List.pairwise |> List.forall (fun (a, b) -> a > b)) "strictly, one layer per depth"
            let opened = draw ((Diagram.FromModel smoking).Open(S).Marginal([ C ]))
            let labelY name =
                having [ "label" ] opened |> List.filter (fun t -> t.Value = name) |> List.map (attr "y" >> float)
            Expect.isTrue (List.max (labelY "S") > nameY "T" opened) "input S is drawn below the box it feeds"
            Expect.isTrue (List.min (labelY "C") < nameY "C" opened) "output C is drawn above its box"

        testCase "copy dots and discards, counted on small diagrams" <| fun () ->
            // H feeds S and C; S feeds T and is an output; T feeds C and is an output.
            Expect.equal (marks (Diagram.FromModel smoking)) (3, 0, 0, 0, 0) "smoking: three copies, nothing discarded"
            Expect.equal (marks (Diagram.Copy S)) (1, 0, 0, 0, 0) "copy"
            Expect.equal (marks (Diagram.Copy(S, 3))) (1, 0, 0, 0, 0) "one dot for three copies"
            Expect.equal (marks (Diagram.Discard [ S; T ])) (0, 2, 0, 0, 0) "discard two wires"
            Expect.equal (marks (Diagram.Id [ S; T ])) (0, 0, 0, 0, 0) "identity"
            Expect.equal (marks ((Diagram.Copy S).Then(Diagram.Id([ S ]).Tensor(Diagram.Discard [ S ])))) (0, 0, 0, 0, 0)
                "copy ; (id ⊗ discard) is drawn as a plain wire (counitality)"
            let f = Box.Generator("f", [ S ], [ T; C ])
            let doc = draw ((Diagram.Of f).Marginal([ T ]))
            Expect.equal [ for g in having [ "discard" ] doc -> attr "data-wire" g ] [ "C" ] "the unread output C is discarded"
            Expect.equal (marks ((Diagram.Of f).Marginal([ T; T; C ]))) (1, 0, 0, 0, 0) "T output twice: a copy"
            Expect.equal (marks (Diagram.FromModel(chain, [ z; x ]))) (1, 0, 0, 0, 0) "Z read by X and an output"
            Expect.equal (marks (Diagram.FromModel(chain, [ x ]))) (0, 0, 0, 0, 0) "Z read once"

        testCase "after cut(S) the uniform state is marked as cut and H's wire into it ends in a discard" <| fun () ->
            let cut = (Diagram.FromModel smoking).Cut(S)
            Expect.equal (marks cut) (3, 1, 1, 1, 1) "H now feeds C and the cut; one cut discard, one cut box, one scissors"
            let doc = draw cut
            let cutBox = having [ "box"; "cut" ] doc |> List.exactlyOne
            Expect.equal (attr "data-name" cutBox, attr "data-kind" cutBox) ("uniform S", "uniform") "the replaced box"
            Expect.equal (classes cutBox |> List.ofArray) [ "box"; "state"; "cut" ] "classes"
            Expect.equal [ for g in having [ "discard"; "cut" ] doc -> attr "data-wire" g ] [ "H" ] "the cut parent"
            Expect.stringContains (cutBox.Element(svgNs + "title") |> string) "replaces S : H → S" "tooltip names the cut mechanism"
            Expect.equal (cut.Boxes[1].Replaces |> Option.ofObj |> Option.map (fun b -> b.Name)) (Some "S") "Box.Replaces"
            Expect.equal cut.Boxes[1] (Box.Uniform S) "the mark takes no part in equality"
            Expect.isNull (Diagram.Uniform S).Boxes[0].Replaces "a uniform state built by hand is no cut"
            Expect.equal (marks (Diagram.Uniform S)) (0, 0, 0, 0, 0) "and is drawn without a cut mark"
            Expect.equal (marks ((Diagram.FromModel smoking).Cut(H))) (3, 0, 0, 1, 1) "cutting a root: no parent to discard"

        testCase "do(S = true) shows the value in a cut point state; open(S) has no cut mark" <| fun () ->
            let doc = draw ((Diagram.FromModel smoking).Do(S.Is true))
            let point = having [ "box"; "cut" ] doc |> List.exactlyOne
            Expect.equal (attr "data-kind" point) "point" "kind"
            Expect.equal (point.Elements(svgNs + "text") |> Seq.head).Value "true" "value drawn"
            Expect.equal (marks ((Diagram.FromModel smoking).Open(S))) (2, 0, 0, 0, 0) "open: H feeds only C; S input feeds T and is an output"

        testCase "the cut parent's only use is the cut; after Normalize the parent is gone and only the box is marked" <| fun () ->
            let cut = (Diagram.FromModel(chain, [ x ])).Cut(x)
            Expect.equal (marks cut) (0, 1, 1, 1, 1) "Z ends in the cut's discard"
            Expect.equal (marks (cut.Normalize())) (0, 0, 0, 1, 1) "Z's box removed by Normalize"
            Expect.equal (marks ((Diagram.FromModel(chain, [ z; x ])).Cut(x))) (1, 1, 1, 1, 1) "Z an output and cut"

        testCase "names are XML-escaped" <| fun () ->
            let weird = Box.Generator("a<b & \"c\"", [ S ], [ T ])
            let svg = (Diagram.Of weird).ToSvg(DiagramSvgOptions(Title = "x < y & z"))
            Expect.stringContains svg "a&lt;b &amp;" "escaped text"
            Expect.isFalse (svg.Contains "a<b") "no raw '<'"
            let doc = XDocument.Parse svg
            Expect.equal (having [ "box" ] doc |> List.map (attr "data-name")) [ "a<b & \"c\"" ] "round trip of the attribute"
            Expect.equal ((root doc).Element(svgNs + "title") |> Option.ofObj |> Option.map (fun t -> t.Value)) (Some "x < y & z") "title"

        testCase "deterministic: the same drawing for the same diagram, for equal diagrams built differently, and for cut twice" <| fun () ->
            let d = Diagram.FromModel smoking
            Expect.equal (d.ToSvg()) (d.ToSvg()) "twice"
            Expect.equal ((Diagram.FromModel smoking).ToSvg()) (d.ToSvg()) "rebuilt"
            Expect.equal (d.Cut(S).Cut(S).ToSvg()) (d.Cut(S).ToSvg()) "cut is idempotent, and so is its picture"
            Expect.notEqual (d.Cut(S).ToSvg()) (d.ToSvg()) "the cut changes the picture"
            Expect.isFalse (d.ToSvg().Contains "\r") "'\\n' line ends"

        testCase "Save writes the rendered text; WireLabels = false drops the inner labels" <| fun () ->
            let d = Diagram.FromModel smoking
            let path = Path.Combine(Path.GetTempPath(), $"causalscript-svg-{Guid.NewGuid():N}", "d.svg")
            try
                DiagramSvg.Save(d, path)
                Expect.equal (File.ReadAllText path) (DiagramSvg.Render d) "same text"
            finally
                Directory.Delete(Path.GetDirectoryName path |> nonNull, true)
            let labels options = XDocument.Parse(DiagramSvg.Render(d, options)) |> count [ "label" ]
            Expect.equal (labels (DiagramSvgOptions(WireLabels = false))) 3 "only the outputs S, T, C"
            Expect.equal (labels DiagramSvgOptions.Default) 7 "plus one per box output"
    ]
