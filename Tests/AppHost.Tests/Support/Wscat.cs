using System.Diagnostics;
using System.Text;
using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>The README's exchange with wscat itself, typed into a pseudo-terminal (<c>script</c>), as a developer runs it.</summary>
internal static class Wscat
{
    /// <summary>Connects with <c>--header token:hello</c>, sends the README's message and waits for <paramref name="reply"/>.</summary>
    public static async Task ExchangeAsync(Uri url, string reply)
    {
        RequiredTool.Require("script", "to give wscat a pseudo-terminal (util-linux)");
        var wscat = Path.Combine(NodeTools.DefaultDirectory, "node_modules", "wscat", "bin", "wscat");
        Assert.True(File.Exists(wscat), $"wscat is installed with the node tools at {wscat}");

        var command = $"node '{wscat}' --header token:hello -c {url}";
        var start = new ProcessStartInfo("script")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-q", "-f", "-e", "-c", command, "/dev/null" })
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var connected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var replied = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
                var text = output.ToString();
                if (text.Contains("Connected", StringComparison.Ordinal))
                {
                    connected.TrySetResult();
                }
                if (text.Contains("< " + reply, StringComparison.Ordinal))
                {
                    replied.TrySetResult();
                }
            }
        };
        process.BeginOutputReadLine();
        try
        {
            await Wait(connected.Task, output, "wscat connected");
            await process.StandardInput.WriteAsync("""{"action":"sendmessage","message":"hey queen"}""" + "\n");
            await process.StandardInput.FlushAsync();
            await Wait(replied.Task, output, "wscat printed the reply");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task Wait(Task task, StringBuilder output, string what)
    {
        if (await Task.WhenAny(task, Task.Delay(TimeSpan.FromSeconds(30))) != task)
        {
            lock (output)
            {
                Assert.Fail($"Timed out waiting until {what}. wscat printed:\n{output}");
            }
        }
    }
}
