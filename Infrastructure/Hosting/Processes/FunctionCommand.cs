using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// Finds how to run a function from its CodeUri: a ready <c>bootstrap</c> executable (what Lambda
/// itself runs), or the <c>bootstrap.dll</c> a .NET project in that folder builds (run with dotnet).
/// </summary>
internal static class FunctionBinary
{
    public static ProcessStartInfo Resolve(string codeUri, string configuration, string targetFramework)
    {
        var bootstrap = Path.Combine(codeUri, "bootstrap");
        if (File.Exists(bootstrap))
        {
            return new ProcessStartInfo(bootstrap) { WorkingDirectory = codeUri };
        }
        var built = Path.Combine(codeUri, "bin", configuration, targetFramework, "bootstrap.dll");
        if (!File.Exists(built) && Directory.Exists(Path.Combine(codeUri, "bin")))
        {
            // Built in another configuration than the host's (a test runner, a Release AppHost): the newest build wins.
            built = Directory.EnumerateDirectories(Path.Combine(codeUri, "bin"))
                .Select(c => Path.Combine(c, targetFramework, "bootstrap.dll"))
                .Where(File.Exists)
                .OrderByDescending(File.GetLastWriteTimeUtc)
                .FirstOrDefault() ?? built;
        }
        if (File.Exists(built))
        {
            var startInfo = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(built)! };
            startInfo.ArgumentList.Add("exec");
            startInfo.ArgumentList.Add(built);
            return startInfo;
        }
        throw new FileNotFoundException(
            $"No function code at CodeUri '{codeUri}': expected an executable 'bootstrap' there, or a .NET project built to '{built}'. " +
            $"Build it with 'dotnet build \"{codeUri}\" -c {configuration}'.",
            built);
    }
}
