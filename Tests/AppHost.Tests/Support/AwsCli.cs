using System.Diagnostics;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>Runs AWS CLI command lines through bash with exactly the banner's exports, in a temporary folder.</summary>
internal sealed class AwsCli(IReadOnlyDictionary<string, string> exports) : IDisposable
{
    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("wsa-aws-").FullName;

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(string commandLine)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Directory };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(commandLine);
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        // No ~/.aws of the machine's: the exports alone must be enough.
        start.Environment["AWS_CONFIG_FILE"] = Path.Combine(Directory, "config");
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Directory, "credentials");
        foreach (var (key, value) in exports)
        {
            start.Environment[key] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        return (process.ExitCode, await output, await error);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
