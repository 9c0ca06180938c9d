using System.Diagnostics;
using System.Globalization;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// dynalite, a DynamoDB-compatible API on LevelDB, run with node from the node tools folder. If it
/// dies, it is started again on the same port with the same data, and says so in its console.
/// </summary>
internal sealed class DynaliteResource : IAsyncDisposable
{
    public const string Name = "dynamodb";

    private readonly string _nodeTools;
    private readonly string _host;
    private readonly string _dataDirectory;
    private readonly ResourceConsole _console;
    private readonly TimeSpan _startTimeout;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private ChildProcess _process;
    private Task _supervisor = Task.CompletedTask;
    private int _restarts;

    private DynaliteResource(ChildProcess process, Uri endpoint, string nodeTools, string host, string dataDirectory, ResourceConsole console, TimeSpan startTimeout, TimeProvider time)
    {
        _process = process;
        Endpoint = endpoint;
        _nodeTools = nodeTools;
        _host = host;
        _dataDirectory = dataDirectory;
        _console = console;
        _startTimeout = startTimeout;
        _time = time;
    }

    public Uri Endpoint { get; }

    /// <summary>Completes when the current process exits (it is then restarted unless the stack stops).</summary>
    public Task<int> Exited => Volatile.Read(ref _process).Exited;

    public int ProcessId => Volatile.Read(ref _process).Id;

    /// <summary>How many times dynalite died and was started again.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    public static async Task<DynaliteResource> StartAsync(string nodeTools, string host, int port, string dataDirectory, ResourceConsole console, TimeSpan startTimeout, CancellationToken cancellationToken, TimeProvider? time = null)
    {
        await NodeTools.EnsureInstalledAsync(nodeTools, console, cancellationToken);
        Directory.CreateDirectory(dataDirectory);
        var (process, boundPort) = await LaunchAsync(nodeTools, host, port, dataDirectory, console, startTimeout, cancellationToken);
        var hostText = host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;
        var resource = new DynaliteResource(process, new Uri($"http://{hostText}:{boundPort}"), nodeTools, host, dataDirectory, console, startTimeout, time ?? TimeProvider.System);
        resource._supervisor = resource.SuperviseAsync(boundPort);
        return resource;
    }

    private static async Task<(ChildProcess Process, int Port)> LaunchAsync(string nodeTools, string host, int port, string dataDirectory, ResourceConsole console, TimeSpan startTimeout, CancellationToken cancellationToken)
    {
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
        return (process, await listening.Task);
    }

    /// <summary>Starts dynalite again whenever it dies, on its port and with its data, backing off while it keeps failing.</summary>
    private async Task SuperviseAsync(int port)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var code = await Volatile.Read(ref _process).Exited;
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            _console.WriteError(Name, $"dynalite exited with code {code.ToString(CultureInfo.InvariantCulture)}; starting it again on port {port.ToString(CultureInfo.InvariantCulture)} with its data");
            try
            {
                await Task.Delay(backoff, _time, _stopping.Token);
                await Volatile.Read(ref _process).DisposeAsync();
                var (process, _) = await LaunchAsync(_nodeTools, _host, port, _dataDirectory, _console, _startTimeout, _stopping.Token);
                Volatile.Write(ref _process, process);
                Interlocked.Increment(ref _restarts);
                backoff = TimeSpan.FromMilliseconds(250);
                _console.WriteLine(Name, "dynalite is back");
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is InvalidOperationException or TimeoutException)
            {
                _console.WriteError(Name, $"dynalite did not start again: {e.Message}");
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        // Time to close LevelDB cleanly: killed mid-write it can lose the tables it was writing.
        var process = Volatile.Read(ref _process);
        await process.StopAsync(TimeSpan.FromSeconds(10));
        await process.DisposeAsync();
        await _supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stopping.Dispose();
    }
}
