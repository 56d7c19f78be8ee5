namespace CausalScript.Graphs;

/// <summary>An immutable acyclic directed mixed graph (ADMG): directed edges (causation) plus bidirected edges (latent
/// confounding), over named nodes stored with dense integer ids. A DAG is an ADMG without bidirected edges; nodes may
/// be flagged latent, and every criterion then works on the latent projection (<see cref="ProjectLatents"/>).</summary>
/// <remarks>
/// Subgraphs, mutilations and projections share the node id space of the graph they come from, so the
/// <see cref="NodeSet"/>s of one graph can be used with all of them. Graph criteria are extension methods defined one
/// algorithm per file (m-separation, adjustment, front-door, instruments …).
/// </remarks>
public sealed partial class Admg : IEquatable<Admg>
{
    private readonly ulong[] _present, _latent, _exposures, _outcomes, _adjusted;
    private readonly (int From, int To)[] _directed;
    private readonly (int A, int B)[] _bidirected;
    private int[]? _topo;
    private int[]? _ordinalRank;
    private Admg? _projection;
    private IReadOnlyList<string>? _nodes;

    internal Admg(NodeUniverse universe, ulong[] present, GraphCore core, ulong[] latent, ulong[] exposures,
        ulong[] outcomes, ulong[] adjusted, (int, int)[] directed, (int, int)[] bidirected)
    {
        Universe = universe;
        _present = present;
        Core = core;
        _latent = latent;
        _exposures = exposures;
        _outcomes = outcomes;
        _adjusted = adjusted;
        _directed = directed;
        _bidirected = bidirected;
    }

    internal NodeUniverse Universe { get; }
    internal GraphCore Core { get; }
    internal int N => Universe.Count;
    internal ReadOnlySpan<ulong> PresentBits => _present;
    internal ReadOnlySpan<ulong> LatentBits => _latent;

    /// <summary>Starts a builder for a new graph.</summary>
    /// <returns>An empty builder.</returns>
    public static AdmgBuilder CreateBuilder() => new();

    /// <summary>Parses dagitty syntax (<c>dag { x -> y; x &lt;-> y; u [latent] }</c>) or the compact one-line form
    /// (<c>"x -> y &lt;- z; x &lt;-> y"</c>).</summary>
    /// <param name="text">The model text.</param>
    /// <returns>The graph.</returns>
    /// <exception cref="ParseException">Malformed text; the message gives line and column.</exception>
    /// <exception cref="CycleException">The edges form a directed cycle.</exception>
    public static Admg Parse(string text) => Text.AdmgParser.Parse(text);

    /// <summary>The nodes in declaration order.</summary>
    public IReadOnlyList<string> Nodes => _nodes ??= Bits.Enumerate(_present).Select(i => Universe.Names[i]).ToArray();

    /// <summary>The number of nodes.</summary>
    public int NodeCount => Nodes.Count;

    /// <summary>All nodes as a set.</summary>
    public NodeSet AllNodes => new(Universe, _present);

    /// <summary>The empty set of this graph.</summary>
    public NodeSet EmptySet => new(Universe, Bits.New(N));

    /// <summary>The nodes flagged latent (unobserved).</summary>
    public NodeSet Latent => new(Universe, _latent);

    /// <summary>The nodes not flagged latent.</summary>
    public NodeSet Observed => new(Universe, Bits.Except(_present, _latent));

    /// <summary>Nodes marked as exposures (dagitty <c>[exposure]</c>).</summary>
    public NodeSet Exposures => new(Universe, _exposures);

    /// <summary>Nodes marked as outcomes (dagitty <c>[outcome]</c>).</summary>
    public NodeSet Outcomes => new(Universe, _outcomes);

    /// <summary>Nodes marked as adjusted for (dagitty <c>[adjusted]</c>).</summary>
    public NodeSet Adjusted => new(Universe, _adjusted);

    /// <summary>True when the graph has latent nodes.</summary>
    public bool HasLatents => !Bits.IsEmpty(_latent);

    /// <summary>Directed edges in declaration order.</summary>
    public IReadOnlyList<Edge> DirectedEdges => _directed.Select(e => new Edge(Name(e.From), Name(e.To), EdgeKind.Directed)).ToArray();

    /// <summary>Bidirected edges in declaration order.</summary>
    public IReadOnlyList<Edge> BidirectedEdges => _bidirected.Select(e => new Edge(Name(e.A), Name(e.B), EdgeKind.Bidirected)).ToArray();

    /// <summary>All edges: directed first, then bidirected, each in declaration order.</summary>
    public IReadOnlyList<Edge> Edges => [.. DirectedEdges, .. BidirectedEdges];

    /// <summary>True when the graph has a node of that name.</summary>
    /// <param name="name">A node name.</param>
    public bool Contains(string name) => Universe.TryGetId(name, out var id) && Bits.Get(_present, id);

    /// <summary>True when the edge <c>from -> to</c> exists.</summary>
    /// <param name="from">Tail.</param>
    /// <param name="to">Head.</param>
    public bool HasEdge(string from, string to) => Core.HasDirected(Id(from), Id(to));

    /// <summary>True when the edge <c>a &lt;-> b</c> exists.</summary>
    /// <param name="a">One endpoint.</param>
    /// <param name="b">The other endpoint.</param>
    public bool HasBidirectedEdge(string a, string b) => Core.HasBidirected(Id(a), Id(b));

    /// <summary>True when the two nodes are joined by an edge of any kind.</summary>
    /// <param name="a">One node.</param>
    /// <param name="b">The other node.</param>
    public bool AreAdjacent(string a, string b)
    {
        var (i, j) = (Id(a), Id(b));
        return Core.HasDirected(i, j) || Core.HasDirected(j, i) || Core.HasBidirected(i, j);
    }

    /// <summary>Makes a set of this graph from names, checking each name.</summary>
    /// <param name="names">Node names (a <see cref="NodeSet"/> of the same graph family passes through).</param>
    /// <returns>The set.</returns>
    /// <exception cref="UnknownNodeException">A name is not a node; the message suggests the closest one.</exception>
    public NodeSet Set(params IEnumerable<string> names) => new(Universe, ToBits(names));

    internal string Name(int id) => Universe.Names[id];

    internal int Id(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Universe.TryGetId(name, out var id))
        {
            if (Bits.Get(_present, id)) return id;
            if (ProjectedLatents is { } l && Bits.Get(l, id))
                throw new GraphException($"Node '{name}' is latent (unobserved): graph criteria apply to the observed nodes of the latent projection.", [name]);
        }
        throw new UnknownNodeException(name, NameSuggestion.Closest(name, Nodes));
    }

    internal ulong[] ToBits(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        if (names is NodeSet s && ReferenceEquals(s.Universe, Universe))
        {
            if (Bits.IsSubset(s.BitsSpan, _present)) return s.BitsArray;
        }
        var r = Bits.New(N);
        foreach (var name in names) Bits.Set(r, Id(name));
        return r;
    }

    internal NodeSet Wrap(ulong[] bits) => new(Universe, bits);

    /// <summary>The nodes in a topological order: every parent before its children; ties broken by declaration order.</summary>
    public IReadOnlyList<string> TopologicalOrder => TopoIds.Select(Name).ToArray();

    internal int[] TopoIds => _topo ??= ComputeTopologicalOrder();

    /// <summary>For each node id, the node's position when the nodes are sorted by name (ordinal comparison), -1 for
    /// ids not in the graph; cached. Sorting ids by it orders them by name without comparing strings.</summary>
    internal int[] OrdinalRanks
    {
        get
        {
            if (_ordinalRank is { } r) return r;
            r = new int[N];
            Array.Fill(r, -1);
            var position = 0;
            foreach (var id in Bits.Enumerate(_present).OrderBy(Name, StringComparer.Ordinal)) r[id] = position++;
            return _ordinalRank = r;
        }
    }

    private int[] ComputeTopologicalOrder()
    {
        var indegree = new int[N];
        var queue = new PriorityQueue<int, int>();
        var count = 0;
        foreach (var v in Bits.Enumerate(_present))
        {
            count++;
            indegree[v] = Core.Parents(v).Length;
            if (indegree[v] == 0) queue.Enqueue(v, v);
        }
        var order = new List<int>(count);
        while (queue.TryDequeue(out var v, out _))
        {
            order.Add(v);
            foreach (var c in Core.Children(v))
                if (--indegree[c] == 0) queue.Enqueue(c, c);
        }
        if (order.Count < count) throw new CycleException(FindCycle(indegree));
        return order.ToArray();
    }

    /// <summary>Walks backwards through nodes that Kahn's algorithm could not remove until one repeats.</summary>
    private string[] FindCycle(int[] indegree)
    {
        var start = Bits.Enumerate(_present).First(v => indegree[v] > 0);
        var position = new Dictionary<int, int>();
        var path = new List<int>();
        var v = start;
        while (!position.ContainsKey(v))
        {
            position[v] = path.Count;
            path.Add(v);
            foreach (var p in Core.Parents(v))
                if (indegree[p] > 0) { v = p; break; }
        }
        var cycle = path.Skip(position[v]).Reverse().ToList();
        // Start the reported cycle at its first-declared node so messages are stable.
        var first = cycle.IndexOf(cycle.Min());
        return cycle.Skip(first).Concat(cycle.Take(first)).Select(Name).ToArray();
    }

    internal Admg With(ulong[] present, GraphCore core) =>
        new(Universe, present, core, Bits.Intersect(_latent, present), Bits.Intersect(_exposures, present),
            Bits.Intersect(_outcomes, present), Bits.Intersect(_adjusted, present),
            _directed.Where(e => core.HasDirected(e.From, e.To)).ToArray(),
            _bidirected.Where(e => core.HasBidirected(e.A, e.B)).ToArray()) { ProjectedLatents = ProjectedLatents };

    /// <summary>Structural equality: same node names, edges, latent flags and roles (order-insensitive).</summary>
    /// <param name="other">The other graph.</param>
    public bool Equals(Admg? other)
    {
        if (other is null) return false;
        if (ReferenceEquals(this, other)) return true;
        if (!new HashSet<string>(Nodes).SetEquals(other.Nodes)) return false;
        static HashSet<(string, string)> Directed(Admg g) => g.DirectedEdges.Select(e => (e.From, e.To)).ToHashSet();
        static HashSet<(string, string)> Bidirected(Admg g) => g.BidirectedEdges
            .Select(e => string.CompareOrdinal(e.From, e.To) < 0 ? (e.From, e.To) : (e.To, e.From)).ToHashSet();
        return Directed(this).SetEquals(Directed(other)) && Bidirected(this).SetEquals(Bidirected(other))
            && Latent.Equals(other.Latent) && Exposures.Equals(other.Exposures) && Outcomes.Equals(other.Outcomes)
            && Adjusted.Equals(other.Adjusted);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Admg g && Equals(g);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(NodeCount, _directed.Length, _bidirected.Length, AllNodes);

    /// <summary>The compact one-line form, e.g. <c>x -> y; x &lt;-> y; u [latent]</c>; parseable by <see cref="Parse"/>.</summary>
    public override string ToString() => Text.AdmgPrinter.Compact(this);

    internal Admg? CachedProjection { get => _projection; set => _projection = value; }

    /// <summary>On a latent projection: the latent nodes that were projected out (for error messages).</summary>
    internal ulong[]? ProjectedLatents { get; init; }
}
