using System.Diagnostics;

namespace WebSocketAspire.Tests.AppHost.CommandLine;

/// <summary>Runs the built AppHost as a separate process, as a user's <c>dotnet run --project AppHost -- …</c> would.</summary>
internal static class AppHostProcess
{
    /// <summary>Runs the AppHost until its stderr shows <paramref name="marker"/> (or a minute passes), then stops it; returns stderr.</summary>
    public static async Task<string> RunUntilErrorAsync(string marker, params string[] args)
    {
        var (seen, output, error) = await RunUntilAsync(marker, inError: true, args);
        return seen ? error : throw new TimeoutException($"The AppHost did not print '{marker}' within a minute.\nstdout:\n{output}\nstderr:\n{error}");
    }

    /// <summary>Runs the AppHost until its stdout shows <paramref name="marker"/> (or a minute passes), then stops it; returns both outputs.</summary>
    public static Task<(bool Seen, string Output, string Error)> RunUntilOutputAsync(string marker, params string[] args) =>
        RunUntilAsync(marker, inError: false, args);

    private static async Task<(bool Seen, string Output, string Error)> RunUntilAsync(string marker, bool inError, string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = new System.Text.StringBuilder();
        var error = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DataReceivedEventHandler Collect(System.Text.StringBuilder lines, bool watched) => (_, e) =>
        {
            lock (lines)
            {
                lines.AppendLine(e.Data);
            }
            if (watched && e.Data?.Contains(marker, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        };
        process.OutputDataReceived += Collect(output, watched: !inError);
        process.ErrorDataReceived += Collect(error, watched: inError);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var found = false;
        try
        {
            await seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
            found = true;
        }
        catch (TimeoutException)
        {
            // Reported by the caller, with what the AppHost said.
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (output)
        {
            lock (error)
            {
                return (found, output.ToString(), error.ToString());
            }
        }
    }

    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "AppHost.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return start;
    }
}
