using Microsoft.Extensions.Logging;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Storage;

namespace WebSocketAspire.Functions.Handlers;

/// <summary><c>$disconnect</c>: forgets the connection id (best effort; API Gateway ignores the result).</summary>
internal sealed partial class DisconnectHandler(IConnectionStore store, ILogger<DisconnectHandler> logger) : IEventHandler<WebSocketProxyEvent, ProxyResponse>
{
    public async Task<ProxyResponse> HandleAsync(WebSocketProxyEvent input, CancellationToken cancellationToken)
    {
        var connectionId = ProxyEvents.RequireConnectionId(input);
        await store.DeleteAsync(connectionId, cancellationToken);
        Log.Removed(logger, connectionId, input.RequestContext?.DisconnectStatusCode);
        return ProxyResponse.Ok;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} removed (close code {CloseCode})")]
        public static partial void Removed(ILogger logger, string connectionId, int? closeCode);
    }
}
