namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>Where the repository's parts are, found from the test assembly's folder.</summary>
internal static class RepositoryLayout
{
    public static string Root { get; } = FindRoot();

    public static string Template => Path.Combine(Root, "Infrastructure", "template.yaml");

    /// <summary>The node tools' sources, as the library embeds them.</summary>
    public static string NodeToolSources => Path.Combine(Root, "Infrastructure", "Hosting", "node");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "WebSocketAspire.sln")))
            {
                return directory.FullName;
            }
        }
        throw new InvalidOperationException("WebSocketAspire.sln not found above " + AppContext.BaseDirectory);
    }
}
