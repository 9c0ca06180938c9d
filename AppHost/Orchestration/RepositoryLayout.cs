using System.Reflection;

namespace WebSocketAspire.AppHost.Orchestration;

/// <summary>Where the AppHost finds the repository's parts, recorded at build time so any working directory works.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = Metadata("RepositoryRoot") ?? Directory.GetCurrentDirectory();

    /// <summary>The build configuration the AppHost was built with; function projects are expected in the same one.</summary>
    public static string Configuration { get; } = Metadata("Configuration") ?? "Debug";

    public static string TargetFramework { get; } = Metadata("TargetFramework") ?? "net10.0";

    public static string NodeTools => Path.Combine(Root, "AppHost", "node");

    private static string? Metadata(string key) =>
        typeof(RepositoryLayout).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value;
}
