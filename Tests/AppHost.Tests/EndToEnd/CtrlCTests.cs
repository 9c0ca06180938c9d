using System.Diagnostics;
using System.Net.WebSockets;
using System.Text;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>
/// Ctrl+C typed at the terminal signals the whole foreground process group. The AppHost must still
/// fire $disconnect for every open connection (so its children must not die with it), then stop everything.
/// </summary>
public sealed class CtrlCTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wsa-ctrlc-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public async Task Ctrl_C_at_the_terminal_disconnects_every_connection_then_stops_every_process()
    {
        RequiredTool.Require("setsid", "to give the AppHost a process group of its own, as a terminal does (util-linux)");
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        SignalDisposition.EnsureSigIntIsNotIgnored();

        var appHost = Path.Combine(AppContext.BaseDirectory, "AppHost.dll");
        // A terminal runs the command as the leader of its own process group and, on Ctrl+C, sends
        // SIGINT to that whole group. setsid gives the AppHost such a group (pgid = its pid).
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in new[] { "--wait", "dotnet", "exec", appHost, "--gateway-port", "0", "--lambda-port", "0",
            "--dynamodb-port", "0", "--test-client-port", "0", "--no-dashboard", "--data-dir", _data })
        {
            start.ArgumentList.Add(arg);
        }
        using var terminal = Process.Start(start)!;
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Uri? url = null;
        terminal.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
                // The banner says where the gateway listens: "  WebSocket URL    ws://127.0.0.1:PORT/stage".
                if (e.Data?.Trim() is { } line && line.StartsWith("WebSocket URL", StringComparison.Ordinal))
                {
                    url = new Uri(line["WebSocket URL".Length..].Trim());
                }
                if (url is not null && e.Data?.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal) == true)
                {
                    ready.TrySetResult();
                }
            }
        };
        terminal.BeginOutputReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromMinutes(2));
            Assert.NotNull(url);
            await using var client = await TestClient.ConnectAsync(url, StackFixture.Hello);
            var connectionId = await client.LearnConnectionIdAsync();

            SignalDisposition.InterruptProcessGroup(terminal.Id); // what the terminal does on Ctrl+C

            await Assert.ThrowsAsync<WebSocketException>(() => client.ReceiveAsync(TimeSpan.FromSeconds(30)));
            Assert.Equal(WebSocketCloseStatus.EndpointUnavailable, client.CloseStatus);
            await terminal.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));

            string log;
            lock (output)
            {
                log = output.ToString();
            }
            Assert.Contains("stack: closed 1 connection(s), $disconnect ran for 1; every process of the stack stopped.", log, StringComparison.Ordinal);
            Assert.Empty(Leftovers());
        }
        finally
        {
            if (!terminal.HasExited)
            {
                terminal.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>Processes still running with this test's data folder or AppHost on their command line.</summary>
    private List<string> Leftovers() =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(d => Path.Combine(d, "cmdline"))
            .Select(TryRead)
            .Where(c => c is not null && c.Contains(_data, StringComparison.Ordinal))
            .Select(c => c!)];

    private static string? TryRead(string path)
    {
        try
        {
            return File.ReadAllText(path).Replace('\0', ' ');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
