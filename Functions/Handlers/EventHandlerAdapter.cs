using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Functions.Handlers;

/// <summary>Turns a typed handler into an <see cref="IFunctionHandler"/>: deserialize, tag the invocation span, handle, serialize.</summary>
internal sealed class EventHandlerAdapter<TEvent, TResult>(
    string name,
    IEventHandler<TEvent, TResult> handler,
    JsonTypeInfo<TEvent> eventInfo,
    JsonTypeInfo<TResult> resultInfo,
    Func<TEvent, (string? ConnectionId, string? RouteKey)> describe) : IFunctionHandler
{
    public string Name => name;

    public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var input = JsonSerializer.Deserialize(payload.Span, eventInfo)
            ?? throw new InvalidDataException($"The {name} event is empty.");

        var (connectionId, routeKey) = describe(input);
        Activity.Current?.SetTag(FunctionsTelemetry.ConnectionIdTag, connectionId);
        Activity.Current?.SetTag(FunctionsTelemetry.RouteKeyTag, routeKey);

        var result = await handler.HandleAsync(input, cancellationToken);
        return JsonSerializer.SerializeToUtf8Bytes(result, resultInfo);
    }
}
