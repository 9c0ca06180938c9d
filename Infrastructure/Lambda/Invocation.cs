namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>One pending or in-flight invocation of a function: the event, its deadline and the caller waiting for the result.</summary>
internal sealed class Invocation
{
    private readonly TaskCompletionSource<InvocationResult> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Invocation(string requestId, byte[] payload, DateTimeOffset deadline, string? traceHeader)
    {
        RequestId = requestId;
        Payload = payload;
        Deadline = deadline;
        TraceHeader = traceHeader;
    }

    public string RequestId { get; }
    public byte[] Payload { get; }
    public DateTimeOffset Deadline { get; }
    /// <summary>X-Ray trace header handed to the runtime as <c>Lambda-Runtime-Trace-Id</c>.</summary>
    public string? TraceHeader { get; }

    public Task<InvocationResult> Result => _completion.Task;

    public bool TryComplete(byte[] payload, string? errorType) =>
        _completion.TrySetResult(new InvocationResult { RequestId = RequestId, Payload = payload, ErrorType = errorType });
}
