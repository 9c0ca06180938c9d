namespace WebSocketAspire.Functions.Runtime;

/// <summary>One handler the runtime loop can invoke: raw event bytes in, raw response bytes out.</summary>
internal interface IFunctionHandler
{
    string Name { get; }

    Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
