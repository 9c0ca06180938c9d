using System.Diagnostics;
using System.Globalization;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>dynalite, a DynamoDB-compatible API on LevelDB, run with node from AppHost/node.</summary>
internal sealed class DynaliteResource : IAsyncDisposable
{
    public const string Name = "dynamodb";
    private readonly ChildProcess _process;

    private DynaliteResource(ChildProcess process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }
    public Task<int> Exited => _process.Exited;
    public int ProcessId => _process.Id;

    public static async Task<DynaliteResource> StartAsync(string nodeTools, string host, int port, string dataDirectory, ResourceConsole console, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
        await NodeTools.EnsureInstalledAsync(nodeTools, console, cancellationToken);
        Directory.CreateDirectory(dataDirectory);
        var listening = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        var startInfo = new ProcessStartInfo("node") { WorkingDirectory = nodeTools };
        foreach (var arg in new[] { "dynalite-host.js", "--host", host, "--port", port.ToString(CultureInfo.InvariantCulture), "--path", dataDirectory })
        {
            startInfo.ArgumentList.Add(arg);
        }
        ChildProcess process;
        try
        {
            process = ChildProcess.Start(Name, startInfo, console, line =>
            {
                const string ready = "listening ";
                if (line.StartsWith(ready, StringComparison.Ordinal) && int.TryParse(line.AsSpan(ready.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var bound))
                {
                    listening.TrySetResult(bound);
                }
            });
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("node was not found on PATH. Install Node.js 20 or later and run again.", e);
        }
        var exited = process.Exited.ContinueWith(t => -1, TaskScheduler.Default);
        var first = await Task.WhenAny(listening.Task, exited).WaitAsync(startTimeout, cancellationToken);
        if (first != listening.Task)
        {
            await process.DisposeAsync();
            throw new InvalidOperationException($"dynalite exited before listening (is port {port} already in use? choose another with --dynamodb-port).");
        }
        var boundPort = await listening.Task;
        var hostText = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        return new DynaliteResource(process, new Uri($"http://{hostText}:{boundPort}"));
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
