namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>What a function invocation produced: its response payload, or the error it reported.</summary>
internal sealed record InvocationResult
{
    public required string RequestId { get; init; }
    public required byte[] Payload { get; init; }
    /// <summary>Set when the function reported an error (or timed out, or its runtime failed to start).</summary>
    public string? ErrorType { get; init; }

    public bool IsError => ErrorType is not null;

    /// <summary>The <c>errorMessage</c> field of an error payload, the field API Gateway matches on.</summary>
    public string? ErrorMessage => IsError ? LambdaError.ReadMessage(Payload) : null;
}
