namespace CausalScript.Graphs;

/// <summary>The outcome of checking a graphical criterion for a candidate set: whether it holds, and if not, why
/// (the offending nodes, or an open path that the set fails to block).</summary>
/// <param name="IsValid">True when the criterion holds.</param>
/// <param name="Reason">A sentence explaining the verdict, naming nodes and paths.</param>
/// <param name="Culprits">Nodes that violate the criterion (e.g. forbidden descendants in the set); empty when the
/// failure is an open path or the check passed.</param>
/// <param name="OpenPath">An open (m-connecting) path that the set fails to block, as text like
/// <c>x &lt;- a -> y</c>; null when not applicable.</param>
public sealed record CriterionCheck(bool IsValid, string Reason, IReadOnlyList<string> Culprits, string? OpenPath)
{
    internal static CriterionCheck Valid(string reason) => new(true, reason, [], null);

    /// <summary>Converts to the verdict.</summary>
    /// <param name="check">The check.</param>
    public static implicit operator bool(CriterionCheck check) => check.IsValid;

    /// <summary>The reason.</summary>
    public override string ToString() => Reason;
}
