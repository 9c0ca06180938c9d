using System.Reflection;

namespace WebSocketAspire.LoadTest.Floor;

/// <summary>How to start this program again with other arguments: its apphost, or <c>dotnet</c> with its assembly.</summary>
internal static class SelfCommand
{
    public static (string FileName, IReadOnlyList<string> Arguments) With(params string[] arguments)
    {
        var path = Environment.ProcessPath!;
        return Path.GetFileNameWithoutExtension(path) == "dotnet"
            ? (path, [Assembly.GetEntryAssembly()!.Location, .. arguments])
            : (path, arguments);
    }
}
