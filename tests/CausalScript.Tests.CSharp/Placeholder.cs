namespace CausalScript.Tests.CSharp; public static class Placeholder { }
