namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>
/// Tests that need an external tool: on a developer machine they skip with a message naming the tool;
/// in CI (<c>CI=true</c>) a missing tool is a failure, never a silent skip.
/// </summary>
internal static class RequiredTool
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Require(string tool, string why)
    {
        if (OnPath(tool))
        {
            return;
        }
        var message = $"'{tool}' is not on PATH; it is needed {why}.";
        if (IsCi)
        {
            Assert.Fail(message + " CI must install it (.ci/run).");
        }
        Skip.If(true, message);
    }

    public static bool OnPath(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, tool)));
}

/// <summary>Tests that watch process-wide state (a global ActivityListener) run alone, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class IsolatedCollection
{
    public const string Name = "isolated";
}
