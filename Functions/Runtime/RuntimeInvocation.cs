namespace WebSocketAspire.Functions.Runtime;

/// <summary>One event handed out by <c>GET /runtime/invocation/next</c>, with its Lambda-Runtime-* headers.</summary>
internal sealed record RuntimeInvocation(
    string RequestId,
    long? DeadlineMs,
    string? InvokedFunctionArn,
    string? TraceId,
    ReadOnlyMemory<byte> Payload);
