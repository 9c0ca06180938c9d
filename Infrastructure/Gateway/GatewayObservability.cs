using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>The one <see cref="ActivitySource"/> of the gateway, and the names of its domain tags.</summary>
internal static class GatewayObservability
{
    public const string SourceName = "WebSocketAspire.Gateway";
    public static readonly ActivitySource Source = new(SourceName);
    public const string MeterName = "WebSocketAspire.Gateway";

    public const string RouteKey = "apigw.route_key";
    public const string ConnectionId = "apigw.connection_id";
    public const string RequestId = "apigw.request_id";
    public const string EventType = "apigw.event_type";
    public const string Status = "apigw.status";
}
