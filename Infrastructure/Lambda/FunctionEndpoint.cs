using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>
/// The invocation queue of one function: callers enqueue events, runtime instances long-poll them,
/// and responses complete the callers. It owns the pending and in-flight invocations of that function.
/// </summary>
internal sealed class FunctionEndpoint
{
    private readonly Channel<Invocation> _pending = Channel.CreateUnbounded<Invocation>(new UnboundedChannelOptions { SingleReader = false });
    private readonly ConcurrentDictionary<string, InFlight> _inFlight = new(StringComparer.Ordinal);
    private int _waiting;
    private volatile InitError? _initError;

    private readonly TimeProvider _time;

    public FunctionEndpoint(string functionId, string functionName, string arn, TimeSpan timeout, TimeProvider? time = null)
    {
        _time = time ?? TimeProvider.System;
        FunctionId = functionId;
        FunctionName = functionName;
        Arn = arn;
        Timeout = timeout;
        Metrics = new FunctionMetrics(functionId);
    }

    public string FunctionId { get; }

    private long _averageDurationTicks;

    /// <summary>
    /// A moving average of how long this function's invocations run once taken. The pool uses it to
    /// tell functions that wait (where more instances help) from quick ones (where starting processes
    /// costs more than the queue).
    /// </summary>
    public TimeSpan AverageDuration => TimeSpan.FromTicks(Interlocked.Read(ref _averageDurationTicks));

    /// <summary>Records one invocation's running time (exponentially weighted, 1/8 per sample).</summary>
    public void RecordDuration(TimeSpan duration)
    {
        long current, next;
        do
        {
            current = Interlocked.Read(ref _averageDurationTicks);
            next = current == 0 ? duration.Ticks : current + ((duration.Ticks - current) / 8);
        }
        while (Interlocked.CompareExchange(ref _averageDurationTicks, next, current) != current);
    }

    /// <summary>What this function reports as metrics.</summary>
    public FunctionMetrics Metrics { get; }

    private readonly ConcurrentDictionary<string, bool> _warmInstances = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Invocation> _lastTaken = new(StringComparer.Ordinal);

    /// <summary>The secret each started instance holds in its Runtime API path; nothing else may take or answer invocations.</summary>
    private readonly ConcurrentDictionary<string, byte[]> _instanceTokens = new(StringComparer.Ordinal);

    /// <summary>
    /// Lets instance <paramref name="instanceId"/> use the Runtime API and returns the token it must put
    /// in its path (<c>{function}.{instance}.{token}</c>). A new token replaces the old one: the
    /// process it was given to no longer gets work.
    /// </summary>
    public string AdmitInstance(string instanceId)
    {
        var token = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        _instanceTokens[instanceId] = Encoding.ASCII.GetBytes(token);
        return token;
    }

    /// <summary>Whether a Runtime API request naming <paramref name="instanceId"/> carries that instance's token.</summary>
    public bool Admits(string instanceId, string token) =>
        _instanceTokens.TryGetValue(instanceId, out var expected)
        && CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(token));
    // Configuration can change on a template reload; the queue and what is in flight stay.
    public string FunctionName { get; set; }
    public string Arn { get; set; }
    public TimeSpan Timeout { get; set; }

    /// <summary>Invocations waiting for a runtime instance to take them.</summary>
    public int PendingCount => _pending.Reader.Count;

    public int InFlightCount => _inFlight.Count;

    /// <summary>How long the longest-running invocation in flight has run (zero when none is).</summary>
    public TimeSpan LongestRunning
    {
        get
        {
            var now = _time.GetUtcNow();
            var longest = TimeSpan.Zero;
            foreach (var entry in _inFlight.Values)
            {
                var running = now - entry.Invocation.StartedAt;
                longest = running > longest ? running : longest;
            }
            return longest;
        }
    }

    /// <summary>Runtime instances waiting in <c>next</c> right now, i.e. free to take an invocation.</summary>
    public int WaitingCount => Volatile.Read(ref _waiting);

    /// <summary>Raised when an invocation is queued while no instance is free: the cue to start another.</summary>
    public event Action? Demand;

    /// <summary>Raised when an instance asks for work; its first poll shows it has started.</summary>
    public event Action<string>? InstancePolling;

    /// <summary>The instance id of a runtime that does not name one (a single instance).</summary>
    public const string DefaultInstance = "0";

    private int _invocationCount;

    /// <summary>How many invocations were asked of this function since start.</summary>
    public int InvocationCount => Volatile.Read(ref _invocationCount);

    public void Enqueue(Invocation invocation)
    {
        Interlocked.Increment(ref _invocationCount);
        if (_initError is { } error)
        {
            invocation.TryComplete(error.Payload, error.ErrorType);
            return;
        }
        _pending.Writer.TryWrite(invocation);
        if (PendingCount > WaitingCount)
        {
            Demand?.Invoke();
        }
    }

    /// <summary>Waits for the next invocation and marks it in flight (Runtime API <c>next</c>).</summary>
    public ValueTask<Invocation> NextAsync(CancellationToken cancellationToken) => NextAsync(DefaultInstance, cancellationToken);

    /// <summary>Waits for the next invocation for runtime instance <paramref name="instance"/> and marks it in flight under it.</summary>
    /// <exception cref="OperationCanceledException">The caller gave up, or the instance was retired (<see cref="TryRetire"/>).</exception>
    public async ValueTask<Invocation> NextAsync(string instance, CancellationToken cancellationToken)
    {
        // An instance that asks for work has initialised, so an earlier init error no longer applies.
        _initError = null;
        var waiter = _waiters.GetOrAdd(instance, static _ => new Waiter());
        if (!waiter.Begin(_time.GetUtcNow()))
        {
            throw new OperationCanceledException("The instance was retired.");
        }
        // Counted as waiting before anyone hears of it, so a listener does not mistake it for a busy instance.
        Interlocked.Increment(ref _waiting);
        var waiting = true;
        try
        {
            InstancePolling?.Invoke(instance);
            if (_lastTaken.TryRemove(instance, out var previous))
            {
                previous.Release();
            }
            while (true)
            {
                var invocation = await _pending.Reader.ReadAsync(cancellationToken);
                if (invocation.Result.IsCompleted)
                {
                    continue; // timed out while queued
                }
                Interlocked.Decrement(ref _waiting);
                waiting = false;
                var taken = waiter.TryTake();
                if (!taken)
                {
                    _pending.Writer.TryWrite(invocation); // retired just as this arrived: it goes to another instance
                }
                // No longer free: what was queued while this instance still counted as waiting was not
                // seen as demand, so the backlog is judged again now.
                if (PendingCount > WaitingCount)
                {
                    Demand?.Invoke();
                }
                if (!taken)
                {
                    throw new OperationCanceledException("The instance was retired.");
                }
                _inFlight[invocation.RequestId] = new InFlight(invocation, instance);
                _lastTaken[instance] = invocation;
                invocation.MarkStarted(instance, _time.GetUtcNow(), Timeout);
                if (_warmInstances.TryAdd(instance, true))
                {
                    Metrics.ColdStart();
                }
                return invocation;
            }
        }
        finally
        {
            if (waiting)
            {
                Interlocked.Decrement(ref _waiting);
            }
            waiter.End();
        }
    }

    /// <summary>Each instance's state in <c>next</c>, kept across its calls (no allocation per invocation).</summary>
    private readonly ConcurrentDictionary<string, Waiter> _waiters = new(StringComparer.Ordinal);

    /// <summary>
    /// Takes <paramref name="instance"/> out of service if it has waited in <c>next</c> for at least
    /// <paramref name="idleFor"/> without work: from now on it takes nothing (an invocation it is handed
    /// before its wait ends goes back to the queue). The caller then ends the instance, which ends its wait.
    /// False when it is busy or has not been idle so long.
    /// </summary>
    public bool TryRetire(string instance, TimeSpan idleFor) =>
        _waiters.TryGetValue(instance, out var waiter) && waiter.TryRetire(_time.GetUtcNow() - idleFor);

    /// <summary>Drops what is kept about an instance that is gone for good (retired, or replaced on a restart).</summary>
    public void Forget(string instance)
    {
        _waiters.TryRemove(instance, out _);
        _instanceTokens.TryRemove(instance, out _);
        _warmInstances.TryRemove(instance, out _);
        if (_lastTaken.TryRemove(instance, out var last))
        {
            last.Release();
        }
    }

    /// <summary>One instance's wait in <c>next</c>: whether it waits and since when, and whether it was retired.</summary>
    private sealed class Waiter
    {
        private readonly Lock _gate = new();
        private DateTimeOffset _since;
        private bool _waiting;
        private bool _retired;

        /// <summary>The instance starts waiting; false once it is retired.</summary>
        public bool Begin(DateTimeOffset now)
        {
            lock (_gate)
            {
                _since = now;
                _waiting = !_retired;
                return _waiting;
            }
        }

        /// <summary>It takes an invocation: false if it was retired meanwhile.</summary>
        public bool TryTake()
        {
            lock (_gate)
            {
                _waiting = false;
                return !_retired;
            }
        }

        public void End()
        {
            lock (_gate)
            {
                _waiting = false;
            }
        }

        public bool TryRetire(DateTimeOffset idleSince)
        {
            lock (_gate)
            {
                if (!_waiting || _retired || _since > idleSince)
                {
                    return false;
                }
                _retired = true;
                return true;
            }
        }
    }

    /// <summary>Completes an in-flight invocation; false when the id is unknown or already finished.</summary>
    public bool Complete(string requestId, byte[] payload, string? errorType)
    {
        if (!_inFlight.TryRemove(requestId, out var entry) || !entry.Invocation.TryComplete(payload, errorType))
        {
            return false;
        }
        Completed?.Invoke(entry.Invocation, errorType, _time.GetUtcNow());
        return true;
    }

    /// <summary>
    /// The request id <paramref name="instance"/> last took, until it asks for the next one: what it
    /// prints meanwhile (also just after answering) belongs to that invocation.
    /// </summary>
    public string? LastTakenOn(string instance) => _lastTaken.TryGetValue(instance, out var invocation) ? invocation.RequestId : null;

    /// <summary>The template's configuration of this function, for the Lambda API (GetFunction, ListFunctions).</summary>
    public Template.Model.FunctionModel? Configuration { get; private set; }

    /// <summary>When <see cref="Configure"/> last ran, at start or on a template reload (GetFunction's LastModified).</summary>
    public DateTimeOffset ConfiguredAt { get; private set; }

    /// <summary>Takes the template's configuration: name, ARN, timeout, and the whole model for the Lambda API.</summary>
    public void Configure(Template.Model.FunctionModel function)
    {
        ArgumentNullException.ThrowIfNull(function);
        FunctionName = function.FunctionName;
        Arn = function.Arn;
        Timeout = TimeSpan.FromSeconds(function.TimeoutSeconds);
        Configuration = function;
        ConfiguredAt = _time.GetUtcNow();
    }

    /// <summary>An instance answered an invocation (with its error type, or null, and when).</summary>
    public event Action<Invocation, string?, DateTimeOffset>? Completed;

    /// <summary>Completes an invocation only for the instance that took it: one instance cannot answer another's work.</summary>
    public bool Complete(string instance, string requestId, byte[] payload, string? errorType) =>
        _inFlight.TryGetValue(requestId, out var entry) && entry.Instance == instance && Complete(requestId, payload, errorType);

    /// <summary>Puts an invocation that no runtime received back in the queue.</summary>
    public void Requeue(Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (_inFlight.TryRemove(invocation.RequestId, out _))
        {
            _pending.Writer.TryWrite(invocation);
        }
    }

    /// <summary>Forgets an invocation whose caller gave up (timeout), so a late response is refused.</summary>
    public void Abandon(Invocation invocation) => _inFlight.TryRemove(invocation.RequestId, out _);

    /// <summary>
    /// An instance ran past the function's timeout: Lambda ends that sandbox, and the next invocation
    /// gets a fresh one. Raised with the instance id; whoever started the instance replaces it.
    /// </summary>
    public event Action<string>? InstanceTimedOut;

    public void TimedOut(Invocation invocation)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        Abandon(invocation);
        if (invocation.Instance is { } instance)
        {
            _warmInstances.TryRemove(instance, out _);
            InstanceTimedOut?.Invoke(instance);
        }
    }

    /// <summary>
    /// Records a failed initialisation: the error answers the invocation in flight (as Lambda
    /// serves it as the response to the first invoke) and every later one until the function restarts.
    /// </summary>
    public void FailInit(byte[] payload, string errorType)
    {
        _initError = new InitError(payload, errorType);
        foreach (var id in _inFlight.Keys)
        {
            Complete(id, payload, errorType);
        }
        while (_pending.Reader.TryRead(out var queued))
        {
            queued.TryComplete(payload, errorType);
        }
    }

    /// <summary>Fails what one runtime instance had in flight (its process exited); other instances' work goes on.</summary>
    public void FailInFlight(string instance, string errorType, Func<string, string> message)
    {
        // Its next process starts cold.
        _warmInstances.TryRemove(instance, out _);
        foreach (var (id, entry) in _inFlight)
        {
            if (entry.Instance == instance)
            {
                Complete(id, LambdaError.Create(errorType, message(id)), errorType);
            }
        }
    }

    private sealed record InitError(byte[] Payload, string ErrorType);

    private sealed record InFlight(Invocation Invocation, string Instance);
}
