using WebSocketAspire.Functions.Events;

namespace WebSocketAspire.Functions.Handlers;

internal static class ProxyEvents
{
    public static string RequireConnectionId(WebSocketProxyEvent input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.RequestContext?.ConnectionId is { Length: > 0 } id
            ? id
            : throw new InvalidDataException("The event has no requestContext.connectionId.");
    }
}
