namespace CausalScript.Graphs;

/// <summary>The dense id space of a family of graphs: a graph, its subgraphs, mutilations and latent projection share
/// one universe, so their <see cref="NodeSet"/>s are interchangeable and set operations are word-wise.</summary>
internal sealed class NodeUniverse
{
    private readonly Dictionary<string, int> _ids;

    public NodeUniverse(IReadOnlyList<string> names)
    {
        Names = names;
        _ids = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++) _ids.Add(names[i], i);
    }

    public IReadOnlyList<string> Names { get; }
    public int Count => Names.Count;
    public bool TryGetId(string name, out int id) => _ids.TryGetValue(name, out id);
}
