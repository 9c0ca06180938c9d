using Microsoft.Extensions.Logging;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Storage;

namespace WebSocketAspire.Functions.Handlers;

/// <summary><c>$connect</c>: remembers the connection id; a 200 lets the handshake finish.</summary>
internal sealed partial class ConnectHandler(IConnectionStore store, ILogger<ConnectHandler> logger) : IEventHandler<WebSocketProxyEvent, ProxyResponse>
{
    public async Task<ProxyResponse> HandleAsync(WebSocketProxyEvent input, CancellationToken cancellationToken)
    {
        var connectionId = ProxyEvents.RequireConnectionId(input);
        await store.PutAsync(connectionId, cancellationToken);
        Log.Stored(logger, connectionId);
        return ProxyResponse.Ok;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} stored")]
        public static partial void Stored(ILogger logger, string connectionId);
    }
}
