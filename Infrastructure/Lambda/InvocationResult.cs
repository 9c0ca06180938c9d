namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>What a function invocation produced: its response payload, or the error it reported.</summary>
internal sealed record InvocationResult
{
    public required string RequestId { get; init; }
    public required byte[] Payload { get; init; }
    /// <summary>Set when the function reported an error (or timed out, or its runtime failed to start).</summary>
    public string? ErrorType { get; init; }

    public bool IsError => ErrorType is not null;

    /// <summary>Completes when the instance that ran it asks for more work, so its output for this one is out (Lambda's log tail waits as much).</summary>
    public Task Released { get; init; } = Task.CompletedTask;

    /// <summary>The <c>errorMessage</c> field of an error payload, the field API Gateway matches on.</summary>
    public string? ErrorMessage => IsError ? LambdaError.ReadMessage(Payload) : null;
}
