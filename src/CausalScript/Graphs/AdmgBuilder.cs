namespace CausalScript.Graphs;

/// <summary>Builds an <see cref="Admg"/> node by node and edge by edge. Rejects self-loops, duplicate edges and (in
/// <see cref="Build"/>) directed cycles, naming the culprit.</summary>
/// <example><code>
/// var g = Admg.CreateBuilder().Edge("x", "m").Edge("m", "y").Bidirected("x", "y").Build();
/// </code></example>
public sealed class AdmgBuilder
{
    private readonly List<string> _names = [];
    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly List<(int From, int To)> _directed = [];
    private readonly HashSet<(int, int)> _directedSeen = [];
    private readonly List<(int A, int B)> _bidirected = [];
    private readonly HashSet<(int, int)> _bidirectedSeen = [];
    private readonly HashSet<int> _latent = [], _exposures = [], _outcomes = [], _adjusted = [];

    /// <summary>Adds a node if it is not there yet (adding an existing node is a no-op).</summary>
    /// <param name="name">The node name: any non-empty string.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="GraphException">The name is empty or white space.</exception>
    public AdmgBuilder Node(string name)
    {
        IdOf(name);
        return this;
    }

    /// <summary>Adds nodes (existing ones are kept).</summary>
    /// <param name="names">Node names.</param>
    /// <returns>This builder.</returns>
    public AdmgBuilder Nodes(params IEnumerable<string> names)
    {
        foreach (var n in names) IdOf(n);
        return this;
    }

    /// <summary>Adds (if needed) and marks nodes as latent (unobserved).</summary>
    /// <param name="names">Node names.</param>
    /// <returns>This builder.</returns>
    public AdmgBuilder Latent(params IEnumerable<string> names) => Mark(_latent, names);

    /// <summary>Adds (if needed) and marks nodes as exposures (the default treatment of queries).</summary>
    /// <param name="names">Node names.</param>
    /// <returns>This builder.</returns>
    public AdmgBuilder Exposure(params IEnumerable<string> names) => Mark(_exposures, names);

    /// <summary>Adds (if needed) and marks nodes as outcomes (the default outcome of queries).</summary>
    /// <param name="names">Node names.</param>
    /// <returns>This builder.</returns>
    public AdmgBuilder Outcome(params IEnumerable<string> names) => Mark(_outcomes, names);

    /// <summary>Adds (if needed) and marks nodes as adjusted for (conditioned on).</summary>
    /// <param name="names">Node names.</param>
    /// <returns>This builder.</returns>
    public AdmgBuilder Adjusted(params IEnumerable<string> names) => Mark(_adjusted, names);

    private AdmgBuilder Mark(HashSet<int> set, IEnumerable<string> names)
    {
        foreach (var n in names) set.Add(IdOf(n));
        return this;
    }

    /// <summary>Adds the directed edge <c>from -> to</c>, adding its end nodes if needed.</summary>
    /// <param name="from">The cause.</param>
    /// <param name="to">The effect.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="GraphException">A self-loop, or the edge was already added.</exception>
    public AdmgBuilder Edge(string from, string to)
    {
        if (from == to) throw new GraphException($"Self-loop {from} -> {to} is not allowed: a variable cannot cause itself.", [from]);
        var (a, b) = (IdOf(from), IdOf(to));
        if (!_directedSeen.Add((a, b))) throw new GraphException($"Duplicate edge {from} -> {to}.", [from, to]);
        _directed.Add((a, b));
        return this;
    }

    /// <summary>Adds directed edges from <paramref name="from"/> to each of <paramref name="to"/>.</summary>
    /// <param name="from">The cause.</param>
    /// <param name="to">The effects.</param>
    /// <returns>This builder.</returns>
    public AdmgBuilder Edges(string from, params IEnumerable<string> to)
    {
        foreach (var t in to) Edge(from, t);
        return this;
    }

    /// <summary>Adds the bidirected edge <c>a &lt;-> b</c> (a latent common cause of a and b).</summary>
    /// <param name="a">One endpoint.</param>
    /// <param name="b">The other endpoint.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="GraphException">A self-loop, or the edge (in either direction) was already added.</exception>
    public AdmgBuilder Bidirected(string a, string b)
    {
        if (a == b) throw new GraphException($"Self-loop {a} <-> {b} is not allowed.", [a]);
        var (i, j) = (IdOf(a), IdOf(b));
        if (!_bidirectedSeen.Add((Math.Min(i, j), Math.Max(i, j))))
            throw new GraphException($"Duplicate edge {a} <-> {b}.", [a, b]);
        _bidirected.Add((i, j));
        return this;
    }

    /// <summary>True when a node of that name has been added.</summary>
    /// <param name="name">A node name.</param>
    public bool Contains(string name) => _ids.ContainsKey(name);

    private int IdOf(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (string.IsNullOrWhiteSpace(name)) throw new GraphException("A node name must not be empty.");
        if (_ids.TryGetValue(name, out var id)) return id;
        id = _names.Count;
        _names.Add(name);
        _ids.Add(name, id);
        return id;
    }

    /// <summary>Builds the immutable graph.</summary>
    /// <returns>The graph.</returns>
    /// <exception cref="CycleException">The directed edges form a cycle; the message lists it in order.</exception>
    public Admg Build()
    {
        var universe = new NodeUniverse(_names.ToArray());
        var n = _names.Count;
        var core = GraphCore.Build(n, _directed, _bidirected.Select(e => (e.A, e.B)).ToList());
        var all = Bits.New(n);
        for (var i = 0; i < n; i++) Bits.Set(all, i);
        var graph = new Admg(universe, all, core, Bits.FromIndices(n, _latent), Bits.FromIndices(n, _exposures),
            Bits.FromIndices(n, _outcomes), Bits.FromIndices(n, _adjusted), _directed.ToArray(), _bidirected.ToArray());
        _ = graph.TopoIds; // throws CycleException naming the cycle
        return graph;
    }
}
