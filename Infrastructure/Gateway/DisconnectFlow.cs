using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// <c>$disconnect</c>: best effort, after the socket is closed; its result is ignored, as in API Gateway.
/// </summary>
internal sealed class DisconnectFlow(GatewayContext gateway)
{
    public const string RouteKey = "$disconnect";

    public Task RunAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return RunAsync(connection.Id, connection.ConnectedAt, connection.Identity, connection.Disconnect ?? new DisconnectInfo(1006, ""), cancellationToken);
    }

    /// <summary>$disconnect for a connection whose $connect succeeded, whether or not its socket was ever accepted.</summary>
    public async Task RunAsync(string connectionId, DateTimeOffset connectedAt, ConnectionIdentity identity, DisconnectInfo info, CancellationToken cancellationToken)
    {
        GatewayLog.Disconnected(gateway.Logger, connectionId, info.StatusCode, info.Reason);
        if (!gateway.Api.Routes.TryGetValue(RouteKey, out var route))
        {
            return;
        }
        var requestId = gateway.Ids.NewId();
        using var activity = GatewayObservability.Source.StartActivity(RouteKey, ActivityKind.Server);
        activity?.SetTag(GatewayObservability.RouteKey, RouteKey);
        activity?.SetTag(GatewayObservability.ConnectionId, connectionId);
        activity?.SetTag(GatewayObservability.RequestId, requestId);
        var context = new RequestContextValues
        {
            RouteKey = RouteKey,
            EventType = "DISCONNECT",
            ConnectionId = connectionId,
            RequestId = requestId,
            RequestTime = gateway.Time.GetUtcNow(),
            ConnectedAt = connectedAt,
            Stage = gateway.StageName,
            ApiId = gateway.Api.ApiId,
            Identity = identity,
            Disconnect = info,
        };
        try
        {
            var request = new IntegrationRequest(context, body: null, upgrade: null, gateway.StageVariables, () => ProxyEvents.Disconnect(context));
            var outcome = await gateway.Integrations.RunAsync(route, request, cancellationToken);
            if (outcome.Failed)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Failure);
                GatewayLog.DisconnectFailed(gateway.Logger, connectionId, outcome.Failure!);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            GatewayLog.DisconnectFailed(gateway.Logger, connectionId, e.Message);
        }
    }
}
