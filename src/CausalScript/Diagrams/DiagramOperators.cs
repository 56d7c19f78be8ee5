using System.ComponentModel;

namespace CausalScript.Diagrams;

/// <summary>
/// The F# spellings of the composition operators. F# resolves an operator it has no definition for to a static
/// method of the operand's type with the operator's compiled name, so with these two methods F# code writes
/// <c>f &gt;=&gt; g</c> (sequential, <see cref="Then"/>) and <c>f *** g</c> (parallel, <see cref="Tensor"/>) on
/// diagrams directly; <c>f &amp;&amp;&amp; g</c> (fan-out) already resolves to the C# <c>&amp;</c> operator
/// (<c>op_BitwiseAnd</c>). C# code uses <c>&gt;&gt;</c>, <c>*</c> and <c>&amp;</c> instead.
/// </summary>
public sealed partial class Diagram
{
    /// <summary>F#'s <c>f &gt;=&gt; g</c>: sequential composition (<see cref="Then"/>).</summary>
    /// <param name="f">First.</param>
    /// <param name="g">Then.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Diagram op_GreaterEqualsGreater(Diagram f, Diagram g)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Then(g);
    }

    /// <summary>F#'s <c>f *** g</c>: parallel composition (<see cref="Tensor"/>).</summary>
    /// <param name="f">Left.</param>
    /// <param name="g">Right.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public static Diagram op_MultiplyMultiplyMultiply(Diagram f, Diagram g)
    {
        ArgumentNullException.ThrowIfNull(f);
        return f.Tensor(g);
    }
}
