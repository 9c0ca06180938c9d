using System.Diagnostics;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>Runs a command-line tool to its end (with a deadline) and returns its exit code and everything it printed.</summary>
internal static class ToolRun
{
    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await output + await error);
    }
}
