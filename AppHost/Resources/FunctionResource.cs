using System.Diagnostics;
using System.Globalization;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.AppHost.Resources;

/// <summary>
/// One function's runtime process: started with the standard Lambda environment, restarted if it
/// dies (failing whatever it had in flight, as Lambda reports a runtime exit), stopped on shutdown.
/// </summary>
internal sealed class FunctionResource : IAsyncDisposable
{
    private readonly FunctionModel _function;
    private readonly FunctionEndpoint _endpoint;
    private readonly ProcessStartInfo _template;
    private readonly ResourceConsole _console;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private ChildProcess? _process;
    private Task? _supervisor;

    public FunctionResource(FunctionModel function, FunctionEndpoint endpoint, ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment, ResourceConsole console, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        _function = function;
        _endpoint = endpoint;
        _template = startInfo;
        _console = console;
        _time = time;
        // Only the standard Lambda wiring goes in: nothing from the user's AWS profile leaks into a function.
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }
    }

    public string Name => _function.LogicalId;

    /// <summary>How many times the process has been (re)started.</summary>
    public int Starts { get; private set; }

    public void Start()
    {
        _process = Launch();
        _supervisor = SuperviseAsync();
    }

    private ChildProcess Launch()
    {
        Starts++;
        return ChildProcess.Start(Name, _template, _console);
    }

    private async Task SuperviseAsync()
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!_stopping.IsCancellationRequested)
        {
            var code = await _process!.Exited;
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            _endpoint.FailInFlight("Runtime.ExitError", requestId => $"RequestId: {requestId} Error: Runtime exited with error: exit status {code}");
            _console.WriteLine(Name, $"exited with code {code.ToString(CultureInfo.InvariantCulture)}; restarting in {backoff.TotalSeconds:0.##} s");
            try
            {
                await Task.Delay(backoff, _time, _stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(10).Ticks));
            await _process.DisposeAsync();
            _process = Launch();
        }
    }

    public async Task StopAsync()
    {
        await _stopping.CancelAsync();
        if (_process is { } process)
        {
            await process.StopAsync(TimeSpan.FromSeconds(2));
        }
        if (_supervisor is { } supervisor)
        {
            await supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        if (_process is { } process)
        {
            await process.DisposeAsync();
        }
        _stopping.Dispose();
    }
}
