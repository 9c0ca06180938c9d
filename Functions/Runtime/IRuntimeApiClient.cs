namespace WebSocketAspire.Functions.Runtime;

/// <summary>The four calls of the Lambda Runtime API that a custom runtime makes.</summary>
internal interface IRuntimeApiClient
{
    /// <summary>Long-polls for the next event; throws <see cref="RuntimeApiException"/> on any non-200 answer.</summary>
    Task<RuntimeInvocation> GetNextInvocationAsync(CancellationToken cancellationToken);

    Task PostResponseAsync(string requestId, ReadOnlyMemory<byte> response, CancellationToken cancellationToken);

    Task PostErrorAsync(string requestId, RuntimeError error, CancellationToken cancellationToken);

    Task PostInitErrorAsync(RuntimeError error, CancellationToken cancellationToken);
}
