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
    private volatile ProcessStartInfo _template;
    private volatile bool _restarting;
    private readonly ResourceConsole _console;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stopping = new();
    private ChildProcess? _process;
    private Task? _supervisor;

    public FunctionResource(FunctionModel function, FunctionEndpoint endpoint, ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment, ResourceConsole console, TimeProvider time)
    {
        _function = function;
        _endpoint = endpoint;
        _template = WithEnvironment(startInfo, environment);
        Fingerprint = Describe(startInfo, environment);
        _console = console;
        _time = time;
    }

    public string Name => _function.LogicalId;

    /// <summary>The current process id, or null before start.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Running, Restarting (its process exited and a new one is due) or Stopped.</summary>
    public string State => _stopping.IsCancellationRequested ? "Stopped"
        : _process is null ? "Starting"
        : _process.Exited.IsCompleted ? "Restarting" : "Running";

    public string Handler => _function.Handler;

    /// <summary>How many times the process has been (re)started.</summary>
    public int Starts { get; private set; }

    /// <summary>What the process runs and with which environment, to tell whether a reload changed anything.</summary>
    public string Fingerprint { get; private set; }

    /// <summary>Only the standard Lambda wiring goes in: nothing from the user's AWS profile or telemetry settings leaks into a function.</summary>
    public static ProcessStartInfo WithEnvironment(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var key in startInfo.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal) || k.StartsWith("OTEL_", StringComparison.Ordinal)).ToList())
        {
            startInfo.Environment.Remove(key);
        }
        foreach (var (key, value) in environment)
        {
            startInfo.Environment[key] = value;
        }
        return startInfo;
    }

    public static string Describe(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(startInfo);
        ArgumentNullException.ThrowIfNull(environment);
        var variables = environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}");
        return string.Join('\n', [startInfo.FileName, .. startInfo.ArgumentList, startInfo.WorkingDirectory, .. variables]);
    }

    /// <summary>Applies a changed configuration (handler, environment, code) by restarting the process with it.</summary>
    /// <remarks>Returns once the old process is gone, so nothing sent afterwards can reach it.</remarks>
    public async Task RestartAsync(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment)
    {
        _template = WithEnvironment(startInfo, environment);
        Fingerprint = Describe(startInfo, environment);
        _restarting = true;
        if (_process is { } process)
        {
            process.Kill();
            await ((Task)process.Exited).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

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
            if (_restarting)
            {
                _restarting = false;
                _console.WriteLine(Name, "restarting with the changed configuration");
                await _process.DisposeAsync();
                _process = Launch();
                continue;
            }
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
