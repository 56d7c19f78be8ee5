namespace CausalScript.Graphs;

/// <summary>Argument checking shared by the graph criteria: names resolve with "did you mean" suggestions, latent
/// nodes are rejected with a specific message, and the sets of one query must be disjoint.</summary>
internal static class Arguments
{
    /// <summary>The graph the criteria work on: the latent projection when the graph has latent nodes (projection
    /// preserves m-separation, adjustment and front-door validity among observed nodes), otherwise the graph itself.</summary>
    public static Admg Observed(Admg g) => g.HasLatents ? g.ProjectLatents() : g;

    public static ulong[] Set(Admg g, IEnumerable<string>? names, string role, bool required = false)
    {
        if (names is null)
        {
            if (required) throw new GraphException($"The {role} set must not be null.");
            return Bits.New(g.N);
        }
        var bits = g.ToBits(names);
        if (required && Bits.IsEmpty(bits)) throw new GraphException($"The {role} set must not be empty.");
        if (Bits.Intersects(bits, g.LatentBits))
        {
            var name = g.Name(Bits.First(Bits.Intersect(bits, g.LatentBits)));
            throw new GraphException($"Node '{name}' is latent (unobserved) and cannot be used as {Article(role)} {role} node.", [name]);
        }
        return bits;
    }

    public static void Disjoint(Admg g, ulong[] a, string roleA, ulong[] b, string roleB)
    {
        if (!Bits.Intersects(a, b)) return;
        var name = g.Name(Bits.First(Bits.Intersect(a, b)));
        throw new GraphException($"Node '{name}' is in both the {roleA} and the {roleB} set; they must be disjoint.", [name]);
    }

    public static void Subset(Admg g, ulong[] a, string roleA, ulong[] b, string roleB)
    {
        if (Bits.IsSubset(a, b)) return;
        var name = g.Name(Bits.First(Bits.Except(a, b)));
        throw new GraphException($"Node '{name}' is in the {roleA} set but not in the {roleB} set.", [name]);
    }

    public static void CheckMax(int maxResults)
    {
        if (maxResults < 0) throw new ArgumentOutOfRangeException(nameof(maxResults), maxResults, "maxResults must be non-negative.");
    }

    private static string Article(string role) => "aeiou".Contains(role[0]) ? "an" : "a";
}
