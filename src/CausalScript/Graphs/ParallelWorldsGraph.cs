namespace CausalScript.Graphs;

public sealed partial class Admg
{
    /// <summary>
    /// The parallel-worlds graph (Avin, Shpitser &amp; Pearl 2005; Shpitser &amp; Pearl 2007, §4): one copy of the
    /// graph per world, where a world is a hard intervention (node → value label; an empty one is the factual world).
    /// Copies are merged wherever they are provably the same variable: the copy of v in world w is named by the
    /// intervened nodes that reach it, <c>v[x=0,z=1]</c> (sorted by name; plain <c>v</c> when none does), so a
    /// node unaffected by a world's intervention is shared with the factual world and two worlds that agree on v's
    /// intervened ancestors share v. Intervened copies have no parents. Every pair of non-intervened copies of the
    /// same node is joined by a bidirected edge (their shared noise U_v), and every bidirected edge a ↔ b of this
    /// graph joins every non-intervened copy of a with every non-intervened copy of b. Latent flags carry over.
    /// </summary>
    /// <param name="worlds">The worlds' interventions.</param>
    /// <returns>The parallel-worlds ADMG (the twin network for one factual and one counterfactual world).</returns>
    /// <exception cref="UnknownNodeException">An intervened node is not in the graph.</exception>
    public Admg ParallelWorlds(IEnumerable<IReadOnlyDictionary<string, string>> worlds)
    {
        var list = worlds.ToList();
        foreach (var w in list)
            foreach (var node in w.Keys) Id(node);
        var builder = CreateBuilder();
        var copies = new Dictionary<string, List<string>>();          // node → its distinct copies (non-intervened)
        var intervenedCopies = new HashSet<string>();
        foreach (var world in list)
        {
            // reach[v]: the intervened nodes (with values) whose copies v depends on in this world.
            var reach = new Dictionary<string, SortedDictionary<string, string>>();
            foreach (var v in TopologicalOrder)
            {
                SortedDictionary<string, string> own;
                if (world.TryGetValue(v, out var value)) own = new(StringComparer.Ordinal) { [v] = value };
                else
                {
                    own = new SortedDictionary<string, string>(StringComparer.Ordinal);
                    foreach (var p in Parents([v]))
                        foreach (var (k, x) in reach[p]) own[k] = x;
                }
                reach[v] = own;
                var name = CopyName(v, own);
                if (builder.Contains(name)) continue;
                builder.Node(name);
                if (Latent.Contains(v)) builder.Latent(name);
                if (world.ContainsKey(v)) { intervenedCopies.Add(name); continue; }
                foreach (var p in Parents([v])) builder.Edge(CopyName(p, reach[p]), name);
                (copies.TryGetValue(v, out var c) ? c : copies[v] = []).Add(name);
            }
        }
        foreach (var group in copies.Values)
            for (var i = 0; i < group.Count; i++)
                for (var j = i + 1; j < group.Count; j++) builder.Bidirected(group[i], group[j]);
        foreach (var e in BidirectedEdges)
            if (copies.TryGetValue(e.From, out var a) && copies.TryGetValue(e.To, out var b))
                foreach (var x in a)
                    foreach (var y in b) builder.Bidirected(x, y);
        return builder.Build();
    }

    /// <summary>The twin network: the factual world and the world of one intervention.</summary>
    /// <param name="intervention">Node → value label.</param>
    /// <returns>The twin ADMG (see <see cref="ParallelWorlds"/>).</returns>
    public Admg TwinNetwork(IReadOnlyDictionary<string, string> intervention) =>
        ParallelWorlds([new Dictionary<string, string>(), intervention]);

    /// <summary>The name of a copy: <c>v</c>, or <c>v[a=1,b=x]</c> for the intervened nodes that reach it.</summary>
    internal static string CopyName(string node, IReadOnlyDictionary<string, string> reach) =>
        reach.Count == 0 ? node : $"{node}[{string.Join(",", reach.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"))}]";
}
