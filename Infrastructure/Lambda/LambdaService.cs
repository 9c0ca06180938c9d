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

    /// <summary>Adds a function (a template reload added it); an existing one with that id is kept.</summary>
    public FunctionEndpoint Add(FunctionEndpoint function)
    {
        ArgumentNullException.ThrowIfNull(function);
        return _functions.GetOrAdd(function.FunctionId, function);
    }

    /// <summary>Removes a function; later invocations answer ResourceNotFoundException.</summary>
    public bool Remove(string functionId) => _functions.TryRemove(functionId, out _);

    /// <summary>
    /// Invokes a function synchronously (RequestResponse) and waits for its result. A function that
    /// does not answer within its configured timeout (or <paramref name="timeout"/> if shorter) yields a
    /// <c>Sandbox.Timedout</c> error, as Lambda reports it.
    /// </summary>
    public async Task<InvocationResult> InvokeAsync(string functionId, byte[] payload, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        if (!_functions.TryGetValue(functionId, out var function))
        {
            // What Lambda's Invoke API answers for an unknown function; callers turn it into 500/502 or an error frame.
            var message = $"Function not found: {functionId}";
            return new InvocationResult { RequestId = "", Payload = LambdaError.Create("ResourceNotFoundException", message), ErrorType = "ResourceNotFoundException" };
        }

        var limit = timeout is { } t && t < function.Timeout ? t : function.Timeout;
        var requestId = Guid.NewGuid().ToString();
        var started = _time.GetTimestamp();
        using var activity = LambdaObservability.Source.StartActivity($"invoke {function.FunctionName}", ActivityKind.Client);
        activity?.SetTag("faas.invoked_name", function.FunctionName);
        activity?.SetTag("faas.invocation_id", requestId);
        // The function continues the trace under this invoke span.
        var invocation = new Invocation(requestId, payload, _time.GetUtcNow() + limit, TraceHeader(Activity.Current));

        function.Enqueue(invocation);
        try
        {
            var result = await invocation.Result.WaitAsync(limit, _time, cancellationToken);
            function.Metrics.Invoked(_time.GetElapsedTime(started), result.ErrorType);
            return result;
        }
        catch (TimeoutException)
        {
            function.Abandon(invocation);
            Log.InvocationTimedOut(_logger, function.FunctionName, requestId, limit.TotalSeconds);
            var message = $"{_time.GetUtcNow():yyyy-MM-ddTHH:mm:ss.fffZ} {requestId} Task timed out after {limit.TotalSeconds:0.00} seconds";
            invocation.TryComplete(LambdaError.Create("Sandbox.Timedout", message), "Sandbox.Timedout");
            var result = await invocation.Result;
            function.Metrics.Invoked(_time.GetElapsedTime(started), result.ErrorType);
            return result;
        }
        finally
        {
            activity?.SetTag("faas.duration_ms", _time.GetElapsedTime(started).TotalMilliseconds);
        }
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
        [LoggerMessage(1, LogLevel.Warning, "{Function} invocation {RequestId} timed out after {Seconds} s")]
        public static partial void InvocationTimedOut(ILogger logger, string function, string requestId, double seconds);
    }
}
