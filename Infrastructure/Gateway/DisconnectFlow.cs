using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// <c>$disconnect</c>: best effort, after the socket is closed; its result is ignored, as in API Gateway.
/// </summary>
internal sealed class DisconnectFlow(GatewayContext gateway)
{
    public const string RouteKey = "$disconnect";

    public async Task RunAsync(GatewayConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var info = connection.Disconnect ?? new DisconnectInfo(1006, "");
        GatewayLog.Disconnected(gateway.Logger, connection.Id, info.StatusCode, info.Reason);
        if (!gateway.Api.Routes.TryGetValue(RouteKey, out var route))
        {
            return;
        }
        var requestId = gateway.Ids.NewId();
        using var activity = GatewayObservability.Source.StartActivity(RouteKey, ActivityKind.Server);
        activity?.SetTag(GatewayObservability.RouteKey, RouteKey);
        activity?.SetTag(GatewayObservability.ConnectionId, connection.Id);
        activity?.SetTag(GatewayObservability.RequestId, requestId);
        var context = new RequestContextValues
        {
            RouteKey = RouteKey,
            EventType = "DISCONNECT",
            ConnectionId = connection.Id,
            RequestId = requestId,
            RequestTime = gateway.Time.GetUtcNow(),
            ConnectedAt = connection.ConnectedAt,
            Stage = gateway.StageName,
            ApiId = gateway.Api.ApiId,
            Identity = connection.Identity,
            Disconnect = info,
        };
        try
        {
            var request = new IntegrationRequest(context, body: null, upgrade: null, gateway.StageVariables, () => ProxyEvents.Disconnect(context));
            var outcome = await gateway.Integrations.RunAsync(route, request, cancellationToken);
            if (outcome.Failed)
            {
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Failure);
                GatewayLog.DisconnectFailed(gateway.Logger, connection.Id, outcome.Failure!);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            GatewayLog.DisconnectFailed(gateway.Logger, connection.Id, e.Message);
        }
    }
}
