using System.Diagnostics;

namespace WebSocketAspire.Tests.AppHost.CommandLine;

/// <summary>Runs the built AppHost as a separate process, as a user's <c>dotnet run --project AppHost -- …</c> would.</summary>
internal static class AppHostProcess
{
    /// <summary>Runs the AppHost until its stderr shows <paramref name="marker"/> (or a minute passes), then stops it; returns stderr.</summary>
    public static async Task<string> RunUntilErrorAsync(string marker, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var error = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            lock (error)
            {
                error.AppendLine(e.Data);
            }
            if (e.Data?.Contains(marker, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        };
        process.BeginErrorReadLine();
        _ = process.StandardOutput.ReadToEndAsync();
        try
        {
            await seen.Task.WaitAsync(TimeSpan.FromMinutes(1));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        lock (error)
        {
            return error.ToString();
        }
    }

    /// <summary>Runs the AppHost until its stdout shows <paramref name="marker"/> (or a minute passes), then stops it; returns both outputs.</summary>
    public static async Task<(bool Seen, string Output, string Error)> RunUntilOutputAsync(string marker, params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        var output = new System.Text.StringBuilder();
        var seen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
            if (e.Data?.Contains(marker, StringComparison.Ordinal) == true)
            {
                seen.TrySetResult();
            }
        };
        process.BeginOutputReadLine();
        var error = process.StandardError.ReadToEndAsync();
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
        var errorText = await error;
        lock (output)
        {
            return (found, output.ToString(), errorText);
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
