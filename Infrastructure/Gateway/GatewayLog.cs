using Microsoft.Extensions.Logging;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>The gateway's log messages, with stable event ids.</summary>
internal static partial class GatewayLog
{
    [LoggerMessage(100, LogLevel.Information, "{ConnectionId} connected ({SourceIp})")]
    public static partial void Connected(ILogger logger, string connectionId, string sourceIp);

    [LoggerMessage(101, LogLevel.Information, "Handshake refused with {Status}: {Reason}")]
    public static partial void HandshakeRefused(ILogger logger, int status, string reason);

    [LoggerMessage(102, LogLevel.Information, "{ConnectionId} disconnected ({StatusCode} {Reason})")]
    public static partial void Disconnected(ILogger logger, string connectionId, int statusCode, string reason);

    [LoggerMessage(103, LogLevel.Information, "{ConnectionId} {RouteKey} {RequestId}")]
    public static partial void Message(ILogger logger, string connectionId, string routeKey, string requestId);

    [LoggerMessage(104, LogLevel.Information, "{ConnectionId} no route for the message and no $default route: Forbidden ({RequestId})")]
    public static partial void NoRoute(ILogger logger, string connectionId, string requestId);

    [LoggerMessage(105, LogLevel.Error, "{ConnectionId} {RouteKey} integration failed ({RequestId}): {Reason}")]
    public static partial void IntegrationFailed(ILogger logger, string connectionId, string routeKey, string requestId, string reason);

    [LoggerMessage(106, LogLevel.Warning, "{ConnectionId} $disconnect integration failed: {Reason}")]
    public static partial void DisconnectFailed(ILogger logger, string connectionId, string reason);

    [LoggerMessage(107, LogLevel.Information, "{ConnectionId} closed by the gateway with {Code}: {Reason}")]
    public static partial void ClosedByGateway(ILogger logger, string connectionId, int code, string reason);

    [LoggerMessage(108, LogLevel.Error, "{ConnectionId} message handling crashed ({RequestId})")]
    public static partial void MessageCrashed(ILogger logger, Exception exception, string connectionId, string requestId);

    [LoggerMessage(109, LogLevel.Warning, "@connections {Method} refused with 403: {Reason}")]
    public static partial void ConnectionsForbidden(ILogger logger, string method, string reason);

    [LoggerMessage(110, LogLevel.Error, "Mapping template does not parse: {Message}")]
    public static partial void TemplateError(ILogger logger, string message);
}
