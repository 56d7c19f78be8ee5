using Expecto;
using Expecto.CSharp;

namespace CausalScript.Tests.CSharp;

/// <summary>
/// C# API-shape tests: every public graph entry point called the way a C# user would call it (collection expressions,
/// named optional arguments, pattern matching on results, lazy enumerations with <c>maxResults</c> and cancellation).
/// The Expecto runner of tests/CausalScript.Tests includes <see cref="All"/>.
/// </summary>
public static partial class ApiTests
{
    /// <summary>All C# API tests, as one Expecto test list named "C# API".</summary>
    public static Test All => Runner.TestList("C# API",
    [
        ParsingAndBuilding,
        NodeSets,
        Separation,
        Adjustment,
        FrontDoorAndInstruments,
        Independencies,
        Rendering,
        Enumeration,
        Errors,
        ScmModels,
        Identification,
        Experiments,
        Diagrams,
    ]);

    private static Test List(string name, params Test[] tests) => Runner.TestList(name, tests);

    private static Test Case(string name, Action body) => Runner.TestCase(name, body);
}

/// <summary>Assertions that fail an Expecto test (an <see cref="AssertException"/>, reported as a failure).</summary>
internal static class Check
{
    public static void Equal<T>(T actual, T expected, string what)
    {
        if (!EqualityComparer<T>.Default.Equals(actual, expected))
            throw new AssertException($"{what}: expected {Show(expected)}, got {Show(actual)}.");
    }

    public static void True(bool condition, string what)
    {
        if (!condition) throw new AssertException($"{what}: expected true.");
    }

    public static void False(bool condition, string what)
    {
        if (condition) throw new AssertException($"{what}: expected false.");
    }

    public static void Null(object? value, string what)
    {
        if (value is not null) throw new AssertException($"{what}: expected null, got {Show(value)}.");
    }

    public static T NotNull<T>(T? value, string what) where T : class =>
        value ?? throw new AssertException($"{what}: expected a value, got null.");

    /// <summary>The sequence has exactly these elements in this order.</summary>
    public static void Sequence<T>(IEnumerable<T> actual, IEnumerable<T> expected, string what)
    {
        var (a, e) = (actual.ToList(), expected.ToList());
        if (!a.SequenceEqual(e)) throw new AssertException($"{what}: expected [{string.Join(", ", e)}], got [{string.Join(", ", a)}].");
    }

    /// <summary>The set has exactly these names (any order).</summary>
    public static void Names(IReadOnlySet<string>? actual, IEnumerable<string> expected, string what)
    {
        var e = expected.ToList();
        if (actual is null) throw new AssertException($"{what}: expected {{{string.Join(", ", e)}}}, got null.");
        if (!actual.SetEquals(e)) throw new AssertException($"{what}: expected {{{string.Join(", ", e)}}}, got {actual}.");
    }

    /// <summary>The same elements, ignoring order and multiplicity is checked by count.</summary>
    public static void SameElements<T>(IEnumerable<T> actual, IEnumerable<T> expected, string what)
    {
        var (a, e) = (actual.ToList(), expected.ToList());
        if (a.Count != e.Count || !new HashSet<T>(a).SetEquals(e))
            throw new AssertException($"{what}: expected [{string.Join(", ", e)}] in any order, got [{string.Join(", ", a)}].");
    }

    public static TException Throws<TException>(Action action, string what) where TException : Exception
    {
        try
        {
            action();
        }
        catch (TException e)
        {
            return e;
        }
        catch (Exception e)
        {
            throw new AssertException($"{what}: expected {typeof(TException).Name}, got {e.GetType().Name}: {e.Message}");
        }
        throw new AssertException($"{what}: expected {typeof(TException).Name}, nothing was thrown.");
    }

    public static void Contains(string text, string part, string what)
    {
        if (!text.Contains(part, StringComparison.Ordinal)) throw new AssertException($"{what}: expected to contain \"{part}\", got \"{text}\".");
    }

    private static string Show(object? o) => o switch
    {
        null => "null",
        string s => $"\"{s}\"",
        _ => o.ToString() ?? "",
    };
}
