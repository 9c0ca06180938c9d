using System.Text;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Functions.Connections;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.Functions.Storage;

namespace WebSocketAspire.Functions.Handlers;

/// <summary><c>sendmessage</c>: answers the sender, and only the sender, through @connections.</summary>
internal sealed partial class SendMessageHandler(
    IConnectionsApi connections,
    IConnectionStore store,
    IEnvironmentVariables environment,
    ILogger<SendMessageHandler> logger) : IEventHandler<SendMessageEvent, ProxyResponse>
{
    public const string Reply = "good job on deploying this template, keep slaying!!";

    private static readonly byte[] ReplyBytes = Encoding.UTF8.GetBytes(Reply);

    public async Task<ProxyResponse> HandleAsync(SendMessageEvent input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = input.RequestContext ?? throw new InvalidDataException("The sendmessage event has no requestContext.");
        var connectionId = context.ConnectionId is { Length: > 0 } id
            ? id
            : throw new InvalidDataException("The sendmessage event has no requestContext.connectionId.");
        var endpoint = ManagementApiEndpoint.Resolve(environment, context.DomainName, context.Stage);

        try
        {
            await connections.PostToConnectionAsync(endpoint, connectionId, ReplyBytes, cancellationToken);
            Log.Replied(logger, connectionId);
        }
        catch (GoneException)
        {
            Log.Stale(logger, connectionId);
            await store.DeleteAsync(connectionId, cancellationToken);
        }
        return ProxyResponse.Ok;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Replied to connection {ConnectionId}")]
        public static partial void Replied(ILogger logger, string connectionId);

        [LoggerMessage(2, LogLevel.Warning, "Connection {ConnectionId} is gone; removing it")]
        public static partial void Stale(ILogger logger, string connectionId);
    }
}
