namespace WebSocketAspire.Tests.Infrastructure.Template;

/// <summary>Locates the fixture templates copied next to the test assembly.</summary>
internal static class Fixtures
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "Template", "Fixtures");

    public static string PathOf(string name) => Path.Combine(Folder, name);
}
