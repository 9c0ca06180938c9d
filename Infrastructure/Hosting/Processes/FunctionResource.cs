using System.Diagnostics;
using System.Globalization;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>
/// One function's runtime instances. It starts with one; when an invocation waits and no instance
/// is free, it starts another (one at a time, up to ReservedConcurrentExecutions or
/// <see cref="DefaultMaxInstances"/>), as Lambda scales out. An instance that dies fails only what
/// it had in flight and is started again; a changed configuration restarts the function.
/// </summary>
internal sealed class FunctionResource : IAsyncDisposable
{
    /// <summary>Lambda's own limit is the account's concurrency; on a developer machine ten processes is plenty.</summary>
    public const int DefaultMaxInstances = 10;

    /// <summary>
    /// Up to this many instances start as soon as an invocation waits: one per two cores (at least one).
    /// Beyond it, another starts only for a function whose invocations take a while
    /// (<see cref="SlowInvocation"/>): a quick one's instance is busy on the CPU, which the gateway,
    /// the other functions and the dashboard share, so on a developer machine's few cores another
    /// process costs its start-up (about a second of CPU) and its memory and drains nothing faster.
    /// Measured on two cores, 1,000 handshakes at once on a fresh stack: 27/s with ten instances per
    /// function, about 217/s with two, about 257/s with one; 10,000 open connections held three fewer
    /// processes (about 300 MB).
    /// </summary>
    public static readonly int EagerInstances = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// An instance beyond the first that has waited this long without work is stopped, as Lambda
    /// reclaims idle execution environments: the processes a burst started do not hold memory for the
    /// rest of the day. The first instance stays, so the function stays warm while a developer works.
    /// </summary>
    public static readonly TimeSpan IdleInstanceLifetime = TimeSpan.FromMinutes(1);

    /// <summary>How often idle instances are looked for.</summary>
    private static readonly TimeSpan ReclaimInterval = TimeSpan.FromSeconds(5);

    /// <summary>An average invocation at least this long waits on something (I/O, a sleep), so more instances help.</summary>
    public static readonly TimeSpan SlowInvocation = TimeSpan.FromMilliseconds(100);

    private readonly FunctionModel _function;
    private readonly FunctionEndpoint _endpoint;
    private readonly ResourceConsole _console;
    private readonly TimeProvider _time;
    private readonly IInstanceLauncher _launcher;
    private readonly CpuSaturation _saturation;
    private readonly int _maxInstances;
    private readonly Lock _gate = new();
    private readonly List<Slot> _slots = [];
    private readonly CancellationTokenSource _stopping = new();
    private ProcessStartInfo _template;
    private int _starting;
    private int _nextSlot;
    private int _starts;
    private int _restarts;
    private int _reclaimed;
    private Task _reclaiming = Task.CompletedTask;

    public FunctionResource(FunctionModel function, FunctionEndpoint endpoint, ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment,
        ResourceConsole console, TimeProvider time, IInstanceLauncher? launcher = null, CpuSaturation? saturation = null)
    {
        _saturation = saturation ?? CpuSaturation.Machine;
        ArgumentNullException.ThrowIfNull(function);
        _function = function;
        _endpoint = endpoint;
        _template = WithEnvironment(startInfo, environment);
        Fingerprint = Describe(startInfo, environment);
        _console = console;
        _time = time;
        _launcher = launcher ?? new ProcessLauncher(console);
        _maxInstances = function.ReservedConcurrentExecutions is > 0 and var reserved ? reserved : DefaultMaxInstances;
    }

    public string Name => _function.LogicalId;
    public string Handler => _function.Handler;
    public string Runtime => _function.Runtime;

    /// <summary>Each instance position: its id (the Runtime API suffix and replica name), process and whether it runs.</summary>
    public IReadOnlyList<FunctionInstanceInfo> Instances
    {
        get
        {
            lock (_gate)
            {
                return [.. _slots.Select(s => new FunctionInstanceInfo(s.Id, s.Instance.Id, !s.Instance.Exited.IsCompleted))];
            }
        }
    }

    /// <summary>The first instance's process id, or null before start.</summary>
    public int? ProcessId
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count > 0 ? _slots[0].Instance.Id : null;
            }
        }
    }

    public int InstanceCount
    {
        get
        {
            lock (_gate)
            {
                return _slots.Count;
            }
        }
    }

    /// <summary>How many instances have been started, restarts included.</summary>
    public int Starts => Volatile.Read(ref _starts);

    /// <summary>How many times a dead instance was started again.</summary>
    public int Restarts => Volatile.Read(ref _restarts);

    /// <summary>How many idle instances were stopped (<see cref="IdleInstanceLifetime"/>).</summary>
    public int Reclaimed => Volatile.Read(ref _reclaimed);

    public string State
    {
        get
        {
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested)
                {
                    return "Stopped";
                }
                var running = _slots.Count(s => !s.Instance.Exited.IsCompleted);
                return running == _slots.Count
                    ? (running == 1 ? "Running" : $"Running ({running} instances)")
                    : $"Restarting ({running} of {_slots.Count} running)";
            }
        }
    }

    /// <summary>What the processes run and with which environment, to tell whether a reload changed anything.</summary>
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

    public void Start()
    {
        _endpoint.Demand += OnDemand;
        _endpoint.InstancePolling += OnPolling;
        _endpoint.InstanceTimedOut += OnTimedOut;
        lock (_gate)
        {
            LaunchSlot();
        }
        _reclaiming = ReclaimIdleAsync(_stopping.Token);
    }

    private async Task ReclaimIdleAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(ReclaimInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping))
            {
                await ReclaimIdleAsync();
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    /// <summary>
    /// Stops every instance but the first that has waited <see cref="IdleInstanceLifetime"/> without
    /// work, and returns once their processes are gone (stopping the function waits for this too).
    /// </summary>
    internal async Task ReclaimIdleAsync()
    {
        List<Slot> idle;
        lock (_gate)
        {
            idle = [.. _slots.Skip(1).Where(s => s.Ready && _endpoint.TryRetire(s.Id, IdleInstanceLifetime))];
            foreach (var slot in idle)
            {
                slot.Retired = true;
                _slots.Remove(slot);
            }
        }
        foreach (var slot in idle)
        {
            Interlocked.Increment(ref _reclaimed);
            _console.WriteLine(Name, $"instance #{slot.Id} idle for {IdleInstanceLifetime.TotalSeconds:0} s; stopped, as Lambda reclaims idle instances");
            slot.Instance.Kill();
        }
        foreach (var slot in idle)
        {
            await slot.Supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Replaces every instance by one new one with the same configuration.</summary>
    public Task RestartAsync() => ReplaceInstancesAsync(configure: null, "restarting");

    /// <summary>Applies a changed configuration (handler, environment, code): every instance is replaced by one new one.</summary>
    /// <remarks>Returns once the old processes are gone, so nothing sent afterwards can reach them.</remarks>
    public Task RestartAsync(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string> environment) =>
        ReplaceInstancesAsync(() =>
        {
            _template = WithEnvironment(startInfo, environment);
            Fingerprint = Describe(startInfo, environment);
        }, "restarting with the changed configuration");

    private async Task ReplaceInstancesAsync(Action? configure, string message)
    {
        List<Slot> old;
        lock (_gate)
        {
            configure?.Invoke();
            old = [.. _slots];
            foreach (var slot in old)
            {
                slot.Retired = true;
            }
            _slots.Clear();
            _starting = 0;
        }
        _console.WriteLine(Name, message);
        foreach (var slot in old)
        {
            slot.Instance.Kill();
        }
        foreach (var slot in old)
        {
            await slot.Supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        lock (_gate)
        {
            if (!_stopping.IsCancellationRequested)
            {
                LaunchSlot();
            }
        }
    }

    /// <summary>
    /// An invocation is waiting and no instance is free: start one more, unless one is already starting.
    /// Beyond the eager instances, only when the function's invocations wait on something: they take
    /// <see cref="SlowInvocation"/> on average, or one in flight has run that long (a slow call, a
    /// breakpoint); if not yet, look again once that much time has passed.
    /// </summary>
    private void OnDemand()
    {
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested || _starting != 0 || _slots.Count >= _maxInstances)
            {
                return;
            }
            if (_slots.Count < EagerInstances)
            {
                LaunchSlot();
            }
            else if (_endpoint.AverageDuration >= SlowInvocation || _endpoint.LongestRunning >= SlowInvocation)
            {
                // Long invocations on a machine with every core busy are starved, not waiting: another
                // process would only add to it (measured: 21 processes for 10,000 connections).
                if (_saturation.IsSaturated == false)
                {
                    LaunchSlot();
                }
                else
                {
                    ScheduleRecheck();
                }
            }
            else
            {
                ScheduleRecheck();
            }
        }
    }

    private void ScheduleRecheck()
    {
        if (!_recheckPending)
        {
            _recheckPending = true;
            _ = RecheckDemandAsync();
        }
    }

    private bool _recheckPending;

    private async Task RecheckDemandAsync()
    {
        try
        {
            await Task.Delay(SlowInvocation, _time, _stopping.Token);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (_gate)
        {
            _recheckPending = false;
        }
        if (_endpoint.PendingCount > _endpoint.WaitingCount)
        {
            OnDemand();
        }
    }

    /// <summary>An instance ran past the timeout (hung, stopped, or just slow): end it, as Lambda ends the sandbox; its supervisor starts a fresh one.</summary>
    private void OnTimedOut(string instanceId)
    {
        IFunctionInstance? instance;
        lock (_gate)
        {
            instance = _slots.Find(s => s.Id == instanceId)?.Instance;
        }
        if (instance is not null)
        {
            _console.WriteLine(Name, $"instance #{instanceId} timed out; replacing it");
            instance.Kill();
        }
    }

    private void OnPolling(string instanceId)
    {
        var more = false;
        lock (_gate)
        {
            if (_slots.Find(s => s.Id == instanceId) is { Ready: false } slot)
            {
                slot.Ready = true;
                _starting--;
                more = _endpoint.PendingCount > _endpoint.WaitingCount;
            }
        }
        if (more)
        {
            OnDemand(); // a backlog built up while it started
        }
    }

    private void LaunchSlot()
    {
        var slot = new Slot((++_nextSlot).ToString(CultureInfo.InvariantCulture));
        // Listed before it starts: an instance may ask for work before Launch returns.
        _slots.Add(slot);
        Launch(slot);
        slot.Supervisor = SuperviseAsync(slot);
    }

    private void Launch(Slot slot)
    {
        _starting++;
        slot.Ready = false;
        Interlocked.Increment(ref _starts);
        slot.Instance = _launcher.Launch(Name, slot.Id, _endpoint.AdmitInstance(slot.Id), _template);
    }

    private async Task SuperviseAsync(Slot slot)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (true)
        {
            var instance = slot.Instance;
            var code = await instance.Exited;
            _endpoint.FailInFlight(slot.Id, "Runtime.ExitError", requestId => $"RequestId: {requestId} Error: Runtime exited with error: exit status {code}");
            lock (_gate)
            {
                if (!slot.Ready && !slot.Retired)
                {
                    _starting--;
                }
            }
            await instance.DisposeAsync();
            if (slot.Retired)
            {
                _endpoint.Forget(slot.Id); // reclaimed or replaced: its id is never used again
                return;
            }
            if (_stopping.IsCancellationRequested)
            {
                return;
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
            lock (_gate)
            {
                if (_stopping.IsCancellationRequested || slot.Retired)
                {
                    return;
                }
                Interlocked.Increment(ref _restarts);
                Launch(slot);
            }
        }
    }

    public async Task StopAsync()
    {
        List<Slot> slots;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }
            _stopping.Cancel();
            slots = [.. _slots];
        }
        _endpoint.Demand -= OnDemand;
        _endpoint.InstancePolling -= OnPolling;
        _endpoint.InstanceTimedOut -= OnTimedOut;
        await _reclaiming;
        await Task.WhenAll(slots.Select(s => s.Instance.StopAsync(TimeSpan.FromSeconds(2))));
        foreach (var slot in slots)
        {
            await slot.Supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _stopping.Dispose();
    }

    /// <summary>One instance position: keeps its id (and Runtime API prefix) across restarts of its process.</summary>
    private sealed class Slot(string id)
    {
        public string Id { get; } = id;
        public IFunctionInstance Instance { get; set; } = null!;
        public Task Supervisor { get; set; } = Task.CompletedTask;
        public bool Ready { get; set; }
        public bool Retired { get; set; }
    }
}

/// <summary>One instance of a function as the dashboard shows it.</summary>
internal sealed record FunctionInstanceInfo(string Id, int ProcessId, bool Running);
