using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace CausalScript.Diagrams;

/// <summary>Options for <see cref="DiagramSvg.Render"/>.</summary>
public sealed record DiagramSvgOptions
{
    /// <summary>The drawing's title (shown as a tooltip); the diagram's signature when null.</summary>
    public string? Title { get; init; }

    /// <summary>Label every wire with its variable where it starts (default true). Inputs and outputs are always
    /// labelled.</summary>
    public bool WireLabels { get; init; } = true;

    /// <summary>The default options.</summary>
    public static DiagramSvgOptions Default { get; } = new();
}

/// <summary>
/// Draws a string diagram as a standalone SVG, in the convention of Jacobs, Kissinger &amp; Zanasi (2019): diagrams
/// read <b>bottom to top</b> — the inputs enter at the bottom, the outputs leave at the top, and boxes are stacked in
/// layers by topological depth (a box sits one layer above the deepest box it reads from; wires that skip layers get
/// their own lane through the layers in between). Generator boxes are rectangles with their name; uniform and point
/// states are triangles (labelled u, or with the value). A wire used more than once (read by several boxes, read and
/// also an output, or an output twice) leaves its source through a copy dot; a wire nobody uses ends in a discard
/// (ground) symbol. A state put in place by surgery (<see cref="Diagram.Cut(Models.Variable[])"/>,
/// <see cref="Diagram.Do"/>) is drawn inside a dashed red outline with a scissors mark, and the parent wires the cut
/// mechanism used to read run up to it and end in discard symbols, as in JKZ's pictures of cut_X.
/// <para>The output is deterministic (the same diagram gives the same text, with '\n' line ends and invariant number
/// formatting) and well-formed XML: names are escaped. Elements carry classes for styling and testing:
/// <c>g.box</c> (with <c>data-name</c>, <c>data-kind</c>, and the extra classes <c>state</c> and <c>cut</c>),
/// <c>path.wire</c>, <c>circle.copy</c>, <c>g.discard</c> (plus <c>cut</c> for the cut parents), <c>g.scissors</c>
/// and <c>text.label</c>.</para>
/// </summary>
public static class DiagramSvg
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private const double FontSize = 12, CharWidth = 7.2, LabelFont = 10, LabelCharWidth = 6;
    private const double BandHeight = 30, Pitch = 80, Margin = 16, LabelSpace = 18;
    private const double PortGap = 22, BoxSeparation = 20, WireSeparation = 8, LaneWidth = 6;
    private const double DotOffset = 12, DiscardLength = 10, TriangleHeight = 20, CutPad = 18;

    /// <summary>The diagram as an SVG document (UTF-8 XML text).</summary>
    /// <param name="diagram">Any diagram.</param>
    /// <param name="options">Drawing options; <see cref="DiagramSvgOptions.Default"/> when null.</param>
    /// <returns>The SVG text, starting with the XML declaration.</returns>
    public static string Render(Diagram diagram, DiagramSvgOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(diagram);
        options ??= DiagramSvgOptions.Default;
        var layout = new Layout(diagram);
        layout.Arrange();
        var root = layout.Draw(options);
        var settings = new XmlWriterSettings { Indent = true, IndentChars = "  ", NewLineChars = "\n", OmitXmlDeclaration = true };
        var text = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        using (var writer = XmlWriter.Create(text, settings)) root.WriteTo(writer);
        return text.Append('\n').ToString();
    }

    /// <summary>Writes the diagram's SVG to a file (UTF-8 without a byte-order mark), creating its folder.</summary>
    /// <param name="diagram">Any diagram.</param>
    /// <param name="path">The file to write.</param>
    /// <param name="options">Drawing options; <see cref="DiagramSvgOptions.Default"/> when null.</param>
    public static void Save(Diagram diagram, string path, DiagramSvgOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
        File.WriteAllText(path, Render(diagram, options), new UTF8Encoding(false));
    }

    private enum Kind { Input, Output, Box, Lane }

    /// <summary>One thing placed in a layer: an input or output position, a box, or a lane of a wire passing
    /// through.</summary>
    private sealed class Element(Kind kind, int layer, double width)
    {
        public Kind Kind { get; } = kind;
        public int Layer { get; } = layer;
        public double Width { get; } = width;
        public double X { get; set; }
        public int Node { get; init; } = -1;
        public int Position { get; init; } = -1;
        public int InPorts { get; init; }
        public int OutPorts { get; init; }
        public double PadLeft { get; init; }
        public List<(Element From, int FromPort, int Port)> Incoming { get; } = [];
        public List<(Element To, int ToPort, int Port)> Outgoing { get; } = [];
        public double Left => X - Width / 2;
        public double InnerCenter => Left + PadLeft + (Width - PadLeft) / 2;
        public double InX(int port) => Port(port, InPorts);
        public double OutX(int port) => Port(port, OutPorts);

        private double Port(int k, int n) => Kind is Kind.Box ? Left + PadLeft + (k + 1) * (Width - PadLeft) / (n + 1) : X;
    }

    /// <summary>One use of a wire: from its source to a box input, a cut mark or an output position.</summary>
    private sealed record Leg(int Wire, Element To, int ToPort, bool Cut)
    {
        public List<Element> Lanes { get; } = [];
    }

    private sealed class Layout
    {
        private readonly Diagram _d;
        private readonly List<List<Element>> _layers = [];
        private readonly (Element? Element, int Port)[] _source;
        private readonly List<Leg> _legs = [];
        private readonly Element[] _boxes;
        private readonly int _top;
        private readonly int _low;
        private readonly int _high;

        public Layout(Diagram d)
        {
            _d = d;
            _source = new (Element?, int)[d.Wires.Length];
            var wireLayer = new int[d.Wires.Length];
            var cutParents = d.Nodes.Select((n, i) => CutParents(i)).ToArray();
            var nodeLayer = new int[d.Nodes.Length];
            for (var i = 0; i < d.Nodes.Length; i++)
            {
                var reads = d.Nodes[i].Inputs.Concat(cutParents[i]).ToArray();
                nodeLayer[i] = 1 + (reads.Length == 0 ? 0 : reads.Max(w => wireLayer[w]));
                foreach (var w in d.Nodes[i].Outputs) wireLayer[w] = nodeLayer[i];
            }
            _top = 1 + (nodeLayer.Length == 0 ? 0 : nodeLayer.Max());
            for (var j = 0; j <= _top; j++) _layers.Add([]);
            _low = d.DomWires.Length > 0 || d.Nodes.Length == 0 ? 0 : 1;
            _high = d.CodWires.Length > 0 || d.Nodes.Length == 0 ? _top : _top - 1;

            for (var k = 0; k < d.DomWires.Length; k++)
            {
                var e = Add(new Element(Kind.Input, 0, SlotWidth(d.Wires[d.DomWires[k]])) { Position = k, OutPorts = 1 });
                _source[d.DomWires[k]] = (e, 0);
            }
            _boxes = new Element[d.Nodes.Length];
            for (var i = 0; i < d.Nodes.Length; i++)
            {
                var node = d.Nodes[i];
                var inPorts = node.Inputs.Length + cutParents[i].Length;
                var cut = node.Box.Replaces is not null;
                var e = Add(new Element(Kind.Box, nodeLayer[i], BoxWidth(node.Box, inPorts, cut))
                    { Node = i, InPorts = inPorts, OutPorts = node.Outputs.Length, PadLeft = cut ? CutPad : 0 });
                _boxes[i] = e;
                for (var k = 0; k < node.Outputs.Length; k++) _source[node.Outputs[k]] = (e, k);
            }
            for (var i = 0; i < d.Nodes.Length; i++)
            {
                var node = d.Nodes[i];
                for (var k = 0; k < node.Inputs.Length; k++) _legs.Add(new Leg(node.Inputs[k], _boxes[i], k, false));
                for (var k = 0; k < cutParents[i].Length; k++) _legs.Add(new Leg(cutParents[i][k], _boxes[i], node.Inputs.Length + k, true));
            }
            for (var k = 0; k < d.CodWires.Length; k++)
                _legs.Add(new Leg(d.CodWires[k], Add(new Element(Kind.Output, _top, SlotWidth(d.Wires[d.CodWires[k]])) { Position = k, InPorts = 1 }), 0, false));

            foreach (var leg in _legs)
            {
                var (source, fromPort) = _source[leg.Wire];
                var from = source!;
                for (var j = from.Layer + 1; j < leg.To.Layer; j++)
                {
                    var lane = Add(new Element(Kind.Lane, j, LaneWidth) { InPorts = 1, OutPorts = 1 });
                    Connect(from, fromPort, lane, 0);
                    leg.Lanes.Add(lane);
                    (from, fromPort) = (lane, 0);
                }
                Connect(from, fromPort, leg.To, leg.ToPort);
            }
        }

        /// <summary>For a state put in place by surgery: the wires the replaced mechanism read (the latest wire of each
        /// parent's name produced before the box).</summary>
        private int[] CutParents(int i)
        {
            if (_d.Nodes[i].Box.Replaces is not { } replaced) return [];
            var result = new List<int>();
            foreach (var parent in replaced.Dom)
            {
                var found = -1;
                for (var n = i - 1; n >= 0 && found < 0; n--)
                    foreach (var w in _d.Nodes[n].Outputs)
                        if (_d.Wires[w].Name == parent.Name) found = w;
                if (found < 0)
                    foreach (var w in _d.DomWires)
                        if (_d.Wires[w].Name == parent.Name) found = w;
                if (found >= 0) result.Add(found);
            }
            return [.. result];
        }

        /// <summary>An input or output position is as wide as its label, so labels never overlap.</summary>
        private static double SlotWidth(Models.Variable v) => Math.Max(LaneWidth, v.Name.Length * LabelCharWidth);

        private static double BoxWidth(Box box, int inPorts, bool cut)
        {
            var ports = PortGap * (Math.Max(inPorts, box.Cod.Length) + 1);
            if (box.Kind == BoxKind.Generator && !cut) return Math.Max(Math.Max(36, box.Name.Length * CharWidth + 18), ports);
            var triangle = Math.Max(28, StateLabel(box).Length * 12 + 14);
            return Math.Max(triangle, ports) + (cut ? CutPad : 0);
        }

        private static string StateLabel(Box box) => box.Kind switch
        {
            BoxKind.Uniform => "u",
            BoxKind.Point => box.Value is bool b ? (b ? "true" : "false") : Convert.ToString(box.Value, CultureInfo.InvariantCulture) ?? "",
            _ => box.Name,
        };

        private Element Add(Element e)
        {
            _layers[e.Layer].Add(e);
            return e;
        }

        private static void Connect(Element from, int fromPort, Element to, int toPort)
        {
            from.Outgoing.Add((to, toPort, fromPort));
            to.Incoming.Add((from, fromPort, toPort));
        }

        // --------------------------------------------------------------------------------------------------------
        // Placement: barycentric ordering, then order-preserving least-squares positions.
        // --------------------------------------------------------------------------------------------------------

        public void Arrange()
        {
            foreach (var layer in _layers) Place(layer, layer.Select(_ => 0.0).ToArray());
            for (var sweep = 0; sweep < 3; sweep++)
            {
                for (var j = 1; j < _top; j++) Order(_layers[j], e => e.Incoming.Count == 0 ? e.X : e.Incoming.Average(c => c.From.OutX(c.FromPort)));
                for (var j = _top - 1; j >= 1; j--) Order(_layers[j], e => e.Outgoing.Count == 0 ? e.X : e.Outgoing.Average(c => c.To.InX(c.ToPort)));
            }
            for (var pass = 0; pass < 5; pass++)
            {
                for (var j = 0; j <= _top; j++) Place(_layers[j], _layers[j].Select(UpTarget).ToArray());
                if (pass == 4) break;
                for (var j = _top; j >= 0; j--) Place(_layers[j], _layers[j].Select(DownTarget).ToArray());
            }
        }

        private static double UpTarget(Element e) =>
            e.Incoming.Count == 0 ? e.X : e.Incoming.Average(c => c.From.OutX(c.FromPort) - (e.InX(c.Port) - e.X));

        private static double DownTarget(Element e) =>
            e.Outgoing.Count == 0 ? e.X : e.Outgoing.Average(c => c.To.InX(c.ToPort) - (e.OutX(c.Port) - e.X));

        private static void Order(List<Element> layer, Func<Element, double> key)
        {
            var keys = layer.Select(key).ToArray();
            var sorted = layer.Select((e, i) => (e, k: keys[i], i)).OrderBy(t => t.k).ThenBy(t => t.i).ToList();
            layer.Clear();
            layer.AddRange(sorted.Select(t => t.e));
            Place(layer, sorted.Select(t => t.k).ToArray());
        }

        /// <summary>Positions the layer's elements, in their order and without overlaps, as close as possible (least
        /// squares) to the desired centres: pool-adjacent-violators on the centres minus the minimal offsets.</summary>
        private static void Place(List<Element> layer, double[] desired)
        {
            var n = layer.Count;
            if (n == 0) return;
            var offset = new double[n];
            for (var i = 1; i < n; i++)
            {
                var wires = layer[i - 1].Kind != Kind.Box && layer[i].Kind != Kind.Box;
                offset[i] = offset[i - 1] + (layer[i - 1].Width + layer[i].Width) / 2 + (wires ? WireSeparation : BoxSeparation);
            }
            var blocks = new List<(double Sum, int Count)>();
            for (var i = 0; i < n; i++)
            {
                blocks.Add((desired[i] - offset[i], 1));
                while (blocks.Count > 1 && blocks[^2].Sum / blocks[^2].Count > blocks[^1].Sum / blocks[^1].Count)
                {
                    var (s, c) = blocks[^1];
                    blocks.RemoveAt(blocks.Count - 1);
                    blocks[^1] = (blocks[^1].Sum + s, blocks[^1].Count + c);
                }
            }
            var k = 0;
            foreach (var (sum, count) in blocks)
                for (var m = 0; m < count; m++, k++) layer[k].X = sum / count + offset[k];
        }

        // --------------------------------------------------------------------------------------------------------
        // Drawing
        // --------------------------------------------------------------------------------------------------------

        private double BandTop(int layer) => Margin + LabelSpace + (_high - layer) * Pitch;

        private double BandBottom(int layer) => BandTop(layer) + BandHeight;

        public XElement Draw(DiagramSvgOptions options)
        {
            // Horizontal extent, including the labels, then shift everything to the margin.
            double minX = double.PositiveInfinity, maxX = double.NegativeInfinity;
            void Extent(double left, double right)
            {
                minX = Math.Min(minX, left);
                maxX = Math.Max(maxX, right);
            }
            foreach (var e in _layers.SelectMany(l => l)) Extent(e.Left - 8, e.Left + e.Width + 8);
            for (var w = 0; w < _source.Length; w++)
                if (_source[w].Element is { } e)
                    Extent(e.OutX(_source[w].Port) - 8, e.OutX(_source[w].Port) + 6 + LabelCharWidth * _d.Wires[w].Name.Length);
            for (var k = 0; k < _d.CodWires.Length; k++) Label(_d.Wires[_d.CodWires[k]].Name);
            for (var k = 0; k < _d.DomWires.Length; k++) Label(_d.Wires[_d.DomWires[k]].Name);
            void Label(string name) => Extent(-name.Length * LabelCharWidth, name.Length * LabelCharWidth);
            if (double.IsInfinity(minX)) (minX, maxX) = (0, 40);
            var shift = Margin - minX;
            foreach (var e in _layers.SelectMany(l => l)) e.X += shift;
            var width = maxX - minX + 2 * Margin;
            var height = BandBottom(_low) + LabelSpace + Margin;

            var title = options.Title ?? _d.Signature;
            var root = new XElement(Svg + "svg",
                new XAttribute("width", F(width)), new XAttribute("height", F(height)),
                new XAttribute("viewBox", $"0 0 {F(width)} {F(height)}"),
                new XAttribute("font-family", "Helvetica, Arial, sans-serif"),
                new XElement(Svg + "title", title),
                new XElement(Svg + "rect", new XAttribute("width", "100%"), new XAttribute("height", "100%"), new XAttribute("fill", "white")));
            var wires = new XElement(Svg + "g", new XAttribute("class", "wires"), new XAttribute("fill", "none"),
                new XAttribute("stroke", "black"), new XAttribute("stroke-width", "1.5"));
            var marks = new XElement(Svg + "g", new XAttribute("class", "marks"));
            var boxes = new XElement(Svg + "g", new XAttribute("class", "boxes"));
            var labels = new XElement(Svg + "g", new XAttribute("class", "labels"), new XAttribute("font-size", F(LabelFont)),
                new XAttribute("fill", "#333"));
            root.Add(wires, marks, boxes, labels);

            for (var w = 0; w < _d.Wires.Length; w++)
            {
                if (_source[w].Element is not { } from) continue;
                var name = _d.Wires[w].Name;
                var x = from.OutX(_source[w].Port);
                var y = BandTop(from.Layer);
                if (from.Kind == Kind.Input)
                {
                    wires.Add(Wire(name, $"M {F(x)} {F(BandBottom(0))} L {F(x)} {F(y)}"));
                    labels.Add(Text(name, x, BandBottom(0) + LabelFont + 3, "middle", "label"));
                }
                else if (options.WireLabels) labels.Add(Text(name, x + 5, y - 4, "start", "label"));
                var legs = _legs.Where(l => l.Wire == w).ToList();
                if (legs.Count == 0)
                {
                    wires.Add(Wire(name, $"M {F(x)} {F(y)} L {F(x)} {F(y - DiscardLength)}"));
                    marks.Add(Ground(name, x, y - DiscardLength, "discard"));
                    continue;
                }
                var start = y;
                if (legs.Count > 1)
                {
                    start = y - DotOffset;
                    wires.Add(Wire(name, $"M {F(x)} {F(y)} L {F(x)} {F(start)}"));
                    marks.Add(new XElement(Svg + "circle", new XAttribute("class", "copy"), new XAttribute("data-wire", name),
                        new XAttribute("cx", F(x)), new XAttribute("cy", F(start)), new XAttribute("r", "3.5"), new XAttribute("fill", "black")));
                }
                foreach (var leg in legs) wires.Add(Wire(name, LegPath(leg, x, start, marks, labels, name)));
            }
            for (var i = 0; i < _boxes.Length; i++) boxes.Add(DrawBox(_boxes[i], _d.Nodes[i].Box));
            return root;
        }

        private string LegPath(Leg leg, double x, double y, XElement marks, XElement labels, string name)
        {
            var path = new StringBuilder($"M {F(x)} {F(y)}");
            void CurveTo(double tx, double ty)
            {
                var mid = (y + ty) / 2;
                path.Append($" C {F(x)} {F(mid)} {F(tx)} {F(mid)} {F(tx)} {F(ty)}");
                (x, y) = (tx, ty);
            }
            foreach (var lane in leg.Lanes)
            {
                CurveTo(lane.X, BandBottom(lane.Layer));
                y = BandTop(lane.Layer);
                path.Append($" L {F(x)} {F(y)}");
            }
            var to = leg.To;
            var tx = to.InX(leg.ToPort);
            if (leg.Cut)
            {
                CurveTo(tx, BandBottom(to.Layer) + 10);
                marks.Add(Ground(name, tx, y, "discard cut"));
            }
            else
            {
                CurveTo(tx, BandBottom(to.Layer));
                if (to.Kind == Kind.Output)
                {
                    y = BandTop(to.Layer);
                    path.Append($" L {F(x)} {F(y)}");
                    labels.Add(Text(name, x, y - 5, "middle", "label"));
                }
            }
            return path.ToString();
        }

        private XElement DrawBox(Element e, Box box)
        {
            var top = BandTop(e.Layer);
            var cut = box.Replaces is not null;
            var classes = "box" + (box.Kind == BoxKind.Generator ? "" : " state") + (cut ? " cut" : "");
            var tooltip = box.ToString() + (cut ? $" (surgery: replaces {box.Replaces})" : "");
            var g = new XElement(Svg + "g", new XAttribute("class", classes), new XAttribute("data-name", box.Name),
                new XAttribute("data-kind", box.Kind.ToString().ToLowerInvariant()), new XElement(Svg + "title", tooltip));
            var cx = e.InnerCenter;
            if (cut)
            {
                var bottom = BandBottom(e.Layer) + 15;
                g.Add(new XElement(Svg + "rect", new XAttribute("class", "cut-outline"),
                    new XAttribute("x", F(e.Left)), new XAttribute("y", F(top - 4)), new XAttribute("width", F(e.Width)),
                    new XAttribute("height", F(bottom - top + 4)), new XAttribute("rx", "4"), new XAttribute("fill", "none"),
                    new XAttribute("stroke", "#c0392b"), new XAttribute("stroke-width", "1.2"), new XAttribute("stroke-dasharray", "4 3")));
                g.Add(Scissors(e.Left + CutPad / 2, BandBottom(e.Layer) + 5));
            }
            if (box.Kind == BoxKind.Generator)
            {
                g.Add(new XElement(Svg + "rect", new XAttribute("x", F(e.Left + e.PadLeft)), new XAttribute("y", F(top)),
                    new XAttribute("width", F(e.Width - e.PadLeft)), new XAttribute("height", F(BandHeight)), new XAttribute("rx", "3"),
                    new XAttribute("fill", "white"), new XAttribute("stroke", "black"), new XAttribute("stroke-width", "1.5")));
                g.Add(Text(box.Name, cx, top + BandHeight / 2 + FontSize * 0.35, "middle", "name", FontSize));
                return g;
            }
            var label = StateLabel(box);
            var half = Math.Max(28, label.Length * 12 + 14) / 2;
            g.Add(new XElement(Svg + "polygon",
                new XAttribute("points", $"{F(cx - half)},{F(top)} {F(cx + half)},{F(top)} {F(cx)},{F(top + TriangleHeight)}"),
                new XAttribute("fill", box.Kind == BoxKind.Uniform ? "#f4f4f4" : "white"), new XAttribute("stroke", "black"),
                new XAttribute("stroke-width", "1.5"), new XAttribute("stroke-linejoin", "round")));
            g.Add(Text(label, cx, top + 9, "middle", "name", 9));
            return g;
        }

        private static XElement Wire(string name, string d) =>
            new(Svg + "path", new XAttribute("class", "wire"), new XAttribute("data-wire", name), new XAttribute("d", d));

        /// <summary>The discard (ground) symbol at the end of a wire going up: three bars, narrowing upwards.</summary>
        private static XElement Ground(string name, double x, double y, string classes)
        {
            var g = new XElement(Svg + "g", new XAttribute("class", classes), new XAttribute("data-wire", name),
                new XAttribute("stroke", "black"), new XAttribute("stroke-width", "1.5"));
            foreach (var (dy, half) in new[] { (0.0, 6.0), (3.0, 4.0), (6.0, 2.0) })
                g.Add(new XElement(Svg + "line", new XAttribute("x1", F(x - half)), new XAttribute("y1", F(y - dy)),
                    new XAttribute("x2", F(x + half)), new XAttribute("y2", F(y - dy))));
            return g;
        }

        /// <summary>A small pair of scissors: two handle rings and two crossing blades.</summary>
        private static XElement Scissors(double x, double y) =>
            new(Svg + "g", new XAttribute("class", "scissors"), new XAttribute("stroke", "#c0392b"),
                new XAttribute("stroke-width", "1.2"), new XAttribute("fill", "none"),
                new XElement(Svg + "circle", new XAttribute("cx", F(x - 4)), new XAttribute("cy", F(y - 3)), new XAttribute("r", "2")),
                new XElement(Svg + "circle", new XAttribute("cx", F(x - 4)), new XAttribute("cy", F(y + 3)), new XAttribute("r", "2")),
                new XElement(Svg + "line", new XAttribute("x1", F(x - 2.5)), new XAttribute("y1", F(y - 2)),
                    new XAttribute("x2", F(x + 5)), new XAttribute("y2", F(y + 3))),
                new XElement(Svg + "line", new XAttribute("x1", F(x - 2.5)), new XAttribute("y1", F(y + 2)),
                    new XAttribute("x2", F(x + 5)), new XAttribute("y2", F(y - 3))));

        private static XElement Text(string text, double x, double y, string anchor, string classes, double? size = null)
        {
            var t = new XElement(Svg + "text", new XAttribute("class", classes), new XAttribute("x", F(x)), new XAttribute("y", F(y)),
                new XAttribute("text-anchor", anchor), text);
            if (size is { } s) t.Add(new XAttribute("font-size", F(s)));
            return t;
        }
    }

    private static string F(double v)
    {
        var s = Math.Round(v, 2).ToString("0.##", CultureInfo.InvariantCulture);
        return s == "-0" ? "0" : s;
    }
}

public sealed partial class Diagram
{
    /// <summary>The diagram drawn as a standalone SVG, bottom to top (<see cref="DiagramSvg.Render"/>).</summary>
    /// <param name="options">Drawing options; the defaults when null.</param>
    public string ToSvg(DiagramSvgOptions? options = null) => DiagramSvg.Render(this, options);
}
