using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>
/// The local Lambda service: the Invoke side used by the gateway and the Runtime API side used by
/// function processes meet here, one <see cref="FunctionEndpoint"/> per function.
/// </summary>
internal sealed partial class LambdaService
{
    private readonly ConcurrentDictionary<string, FunctionEndpoint> _functions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    public LambdaService(IEnumerable<FunctionEndpoint> functions, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(functions);
        _functions = new(functions.Select(f => KeyValuePair.Create(f.FunctionId, f)), StringComparer.Ordinal);
        _time = time;
        _logger = logger;
    }

    public IReadOnlyCollection<FunctionEndpoint> Functions => [.. _functions.Values];

    public FunctionEndpoint? Find(string functionId) => _functions.GetValueOrDefault(functionId);

    /// <summary>
    /// The function a Lambda API caller names: its name, its ARN or partial ARN
    /// (<c>123456789012:function:name</c>), any of them with a <c>:$LATEST</c> qualifier, or, locally,
    /// its logical id in the template.
    /// </summary>
    public FunctionEndpoint? Resolve(string nameOrArn)
    {
        ArgumentNullException.ThrowIfNull(nameOrArn);
        var name = nameOrArn;
        var parts = name.Split(':');
        // arn:aws:lambda:region:account:function:name[:qualifier] / account:function:name[:qualifier] / name[:qualifier]
        var at = Array.IndexOf(parts, "function");
        if (at >= 0 && at + 1 < parts.Length)
        {
            name = parts[at + 1];
            if (at + 2 < parts.Length && parts[at + 2] != "$LATEST")
            {
                return null; // versions and aliases are not emulated
            }
        }
        else if (parts.Length == 2 && parts[1] == "$LATEST")
        {
            name = parts[0];
        }
        else if (parts.Length != 1)
        {
            return null;
        }
        return _functions.Values.FirstOrDefault(f => string.Equals(f.FunctionName, name, StringComparison.Ordinal))
            ?? _functions.GetValueOrDefault(name);
    }

    /// <summary>Adds a function (a template reload added it); an existing one with that id is kept.</summary>
    public FunctionEndpoint Add(FunctionEndpoint function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _functions.GetOrAdd(function.FunctionId, function);
    }

    /// <summary>Removes a function; later invocations answer ResourceNotFoundException.</summary>
    public bool Remove(string functionId) => _functions.TryRemove(functionId, out _);

    /// <summary>
    /// Invokes a function synchronously (RequestResponse) and waits for its result. As in Lambda, the
    /// function's timeout counts from when an instance takes the invocation, not while it waits for
    /// one: past it the result is <c>Sandbox.Timedout</c> and the instance is replaced. The caller's
    /// own <paramref name="timeout"/> (API Gateway's integration timeout) counts from now, queueing
    /// included; past it the result is <c>Integration.Timeout</c> and the function is left to finish.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(string functionId, byte[] payload, TimeSpan? timeout, CancellationToken cancellationToken, string? requestId = null)
    {
        if (!_functions.TryGetValue(functionId, out var function))
        {
            // What Lambda's Invoke API answers for an unknown function; callers turn it into 500/502 or an error frame.
            var message = $"Function not found: {functionId}";
            return new InvocationResult { RequestId = "", Payload = LambdaError.Create("ResourceNotFoundException", message), ErrorType = "ResourceNotFoundException" };
        }

        requestId ??= Guid.NewGuid().ToString();
        var callerDeadline = timeout is { } t ? _time.GetUtcNow() + t : DateTimeOffset.MaxValue;
        using var activity = LambdaObservability.Source.StartActivity($"invoke {function.FunctionName}", ActivityKind.Client);
        activity?.SetTag("faas.invoked_name", function.FunctionName);
        activity?.SetTag("faas.invocation_id", requestId);
        // The function continues the trace under this invoke span. Its deadline is set when it starts.
        var invocation = new Invocation(requestId, payload, DateTimeOffset.MaxValue, TraceHeader(Activity.Current), Activity.Current?.Context ?? default);

        function.Enqueue(invocation);
        if (!await WaitUntilAsync(Task.WhenAny(invocation.Started, invocation.Result), callerDeadline, cancellationToken))
        {
            return Finish(function, invocation, CallerTimedOut(function, invocation, timeout!.Value));
        }
        if (invocation.Result.IsCompleted)
        {
            return Finish(function, invocation, await invocation.Result); // answered without running (init error)
        }
        var started = _time.GetTimestamp();
        var functionTimesOutFirst = invocation.Deadline <= callerDeadline;
        if (await WaitUntilAsync(invocation.Result, functionTimesOutFirst ? invocation.Deadline : callerDeadline, cancellationToken))
        {
            return Finish(function, invocation, await invocation.Result, _time.GetElapsedTime(started));
        }
        if (!functionTimesOutFirst)
        {
            return Finish(function, invocation, CallerTimedOut(function, invocation, timeout!.Value), _time.GetElapsedTime(started));
        }
        function.TimedOut(invocation);
        Log.InvocationTimedOut(_logger, function.FunctionName, requestId, function.Timeout.TotalSeconds);
        var timedOut = $"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} Task timed out after {function.Timeout.TotalSeconds:0.00} seconds";
        invocation.TryComplete(LambdaError.Create("Sandbox.Timedout", timedOut), "Sandbox.Timedout");
        return Finish(function, invocation, await invocation.Result, _time.GetElapsedTime(started));
    }

    /// <summary>True when <paramref name="task"/> completes before <paramref name="deadline"/>.</summary>
    private async Task<bool> WaitUntilAsync(Task task, DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        if (deadline == DateTimeOffset.MaxValue)
        {
            await task.WaitAsync(cancellationToken);
            return true;
        }
        var remaining = deadline - _time.GetUtcNow();
        try
        {
            await task.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, _time, cancellationToken);
            return true;
        }
        catch (TimeoutException)
        {
            return task.IsCompleted;
        }
    }

    /// <summary>
    /// The caller's own timeout passed first. API Gateway's wording for its integration timeout is
    /// "Endpoint request timed out" (REST APIs; unverified for WebSocket APIs).
    /// </summary>
    private InvocationResult CallerTimedOut(FunctionEndpoint function, Invocation invocation, TimeSpan timeout)
    {
        function.Abandon(invocation);
        Log.CallerTimedOut(_logger, function.FunctionName, invocation.RequestId, timeout.TotalSeconds);
        invocation.TryComplete(LambdaError.Create("Integration.Timeout", "Endpoint request timed out"), "Integration.Timeout");
        return invocation.Result.Result;
    }

    private static InvocationResult Finish(FunctionEndpoint function, Invocation invocation, InvocationResult result, TimeSpan? duration = null)
    {
        function.Metrics.Invoked(duration ?? TimeSpan.Zero, result.ErrorType);
        if (duration is { } ran)
        {
            function.RecordDuration(ran);
        }
        return result;
    }

    /// <summary>X-Ray form of the current span, which maps 1:1 onto W3C ids: Root=1-{8 hex}-{24 hex};Parent={16 hex}.</summary>
    internal static string? TraceHeader(Activity? activity)
    {
        if (activity is null)
        {
            return null;
        }
        var traceId = activity.TraceId.ToHexString();
        var sampled = activity.Recorded ? 1 : 0;
        return $"Root=1-{traceId[..8]}-{traceId[8..]};Parent={activity.SpanId.ToHexString()};Sampled={sampled}";
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "{Function} invocation {RequestId} timed out after {Seconds} s; its instance is replaced")]
        public static partial void InvocationTimedOut(ILogger logger, string function, string requestId, double seconds);

        [LoggerMessage(2, LogLevel.Warning, "{Function} invocation {RequestId}: the caller's {Seconds} s timeout passed first")]
        public static partial void CallerTimedOut(ILogger logger, string function, string requestId, double seconds);
    }
}
