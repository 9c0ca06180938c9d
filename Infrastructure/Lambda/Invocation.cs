using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>One pending or in-flight invocation of a function: the event, its deadline and the caller waiting for the result.</summary>
internal sealed class Invocation
{
    private readonly TaskCompletionSource<InvocationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Invocation(string requestId, byte[] payload, DateTimeOffset deadline, string? traceHeader, ActivityContext parent = default)
    {
        RequestId = requestId;
        Payload = payload;
        Deadline = deadline;
        TraceHeader = traceHeader;
        Parent = parent;
    }

    public string RequestId { get; }
    public byte[] Payload { get; }
    /// <summary>When the function's timeout ends; set when an instance takes the invocation (queueing does not count).</summary>
    public DateTimeOffset Deadline { get; private set; }

    /// <summary>The span the function's own span continues (the invoke span), when there is one.</summary>
    public ActivityContext Parent { get; }

    /// <summary>When an instance took it.</summary>
    public DateTimeOffset StartedAt { get; private set; }

    /// <summary>The instance running it, once taken.</summary>
    public string? Instance { get; private set; }

    /// <summary>Completes when an instance takes the invocation.</summary>
    public Task Started => _started.Task;

    /// <summary>An instance took it: the function's timeout starts now.</summary>
    public void MarkStarted(string instance, DateTimeOffset startedAt, TimeSpan timeout)
    {
        Instance = instance;
        StartedAt = startedAt;
        Deadline = startedAt + timeout;
        _started.TrySetResult();
    }
    /// <summary>X-Ray trace header handed to the runtime as <c>Lambda-Runtime-Trace-Id</c>.</summary>
    public string? TraceHeader { get; }

    public Task<InvocationResult> Result => _completion.Task;

    public bool TryComplete(byte[] payload, string? errorType) =>
        _completion.TrySetResult(new InvocationResult { RequestId = RequestId, Payload = payload, ErrorType = errorType, Released = _released.Task });

    /// <summary>The instance that ran it asked for its next invocation: what it printed for this one has been written.</summary>
    public void Release() => _released.TrySetResult();
}
