using System.Diagnostics;
using System.Text;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The README's exact exchange with wscat itself, typed into a pseudo-terminal.</summary>
[Collection(StackCollection.Name)]
public sealed class WscatTests(StackFixture fixture)
{
    [SkippableFact]
    public async Task Wscat_under_a_pseudo_terminal_sees_the_reply()
    {
        RequiredTool.Require("script", "to give wscat a pseudo-terminal (util-linux)");
        await fixture.StartAsync();
        var wscat = Path.Combine(NodeTools.DefaultDirectory, "node_modules", "wscat", "bin", "wscat");
        Assert.True(File.Exists(wscat), $"wscat is installed with the node tools at {wscat}");

        var command = $"node '{wscat}' --header token:hello -c {fixture.Url}";
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
                if (text.Contains("< " + StackFixture.Reply, StringComparison.Ordinal))
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
