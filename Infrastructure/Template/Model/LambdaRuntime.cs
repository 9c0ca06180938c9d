using System.Text.RegularExpressions;

namespace WebSocketAspire.Infrastructure.Template.Model;

/// <summary>How the local stack runs a function of a given Lambda runtime.</summary>
public enum RuntimeKind
{
    /// <summary>An OS-only runtime (<c>provided.*</c>) or .NET: a <c>bootstrap</c> executable, or a .NET project that builds <c>bootstrap.dll</c>.</summary>
    Bootstrap,
    /// <summary>Node.js: our runtime interface client on this machine's <c>node</c>.</summary>
    Node,
    /// <summary>Python: our runtime interface client on this machine's <c>python3</c>.</summary>
    Python,
}

/// <summary>
/// The Lambda runtime identifiers (Runtime property), and which of them the local stack can run.
/// The identifiers are Lambda's (docs: lambda-runtimes.html, including deprecated ones so that a
/// typo and an old runtime get different messages).
/// </summary>
public static partial class LambdaRuntime
{
    /// <summary>What the local stack runs, for messages.</summary>
    public const string LocallySupported = "nodejs18.x to nodejs24.x, python3.9 to python3.14, provided.al2023, provided.al2, provided, dotnet8 and dotnet10 (as a bootstrap project)";

    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "nodejs", "nodejs4.3", "nodejs4.3-edge", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x", "nodejs16.x",
        "nodejs18.x", "nodejs20.x", "nodejs22.x", "nodejs24.x",
        "python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "python3.10", "python3.11", "python3.12", "python3.13", "python3.14",
        "java8", "java8.al2", "java11", "java17", "java21", "java25",
        "dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet5.0", "dotnet6", "dotnet7", "dotnet8", "dotnet10",
        "go1.x", "ruby2.5", "ruby2.7", "ruby3.2", "ruby3.3", "ruby3.4",
        "provided", "provided.al2", "provided.al2023",
    };

    /// <summary>True when Lambda knows the identifier (now or once).</summary>
    public static bool IsKnown(string runtime) => Known.Contains(runtime);

    /// <summary>How the local stack runs <paramref name="runtime"/>, or null when it cannot.</summary>
    public static RuntimeKind? LocalKind(string runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        if (runtime is "provided" or "provided.al2" or "provided.al2023" or "dotnet8" or "dotnet10")
        {
            return RuntimeKind.Bootstrap;
        }
        if (NodeVersion().Match(runtime) is { Success: true } node && int.Parse(node.Groups[1].ValueSpan, provider: null) is >= 18 and <= 24 && Known.Contains(runtime))
        {
            return RuntimeKind.Node;
        }
        if (PythonVersion().Match(runtime) is { Success: true } python && int.Parse(python.Groups[1].ValueSpan, provider: null) is >= 9 and <= 14)
        {
            return RuntimeKind.Python;
        }
        return null;
    }

    /// <summary>The major version a <c>nodejsNN.x</c> runtime names, or the minor a <c>python3.N</c> names.</summary>
    public static int? Version(string runtime) =>
        NodeVersion().Match(runtime) is { Success: true } node ? int.Parse(node.Groups[1].ValueSpan, provider: null)
        : PythonVersion().Match(runtime) is { Success: true } python ? int.Parse(python.Groups[1].ValueSpan, provider: null)
        : null;

    [GeneratedRegex(@"^nodejs(\d+)\.x$")]
    private static partial Regex NodeVersion();

    [GeneratedRegex(@"^python3\.(\d+)$")]
    private static partial Regex PythonVersion();
}
