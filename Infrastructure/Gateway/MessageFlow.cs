using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// One text message: route selection → integration → (two-way) the response frame, or API Gateway's
/// error frame. The connection stays open whatever happens.
/// </summary>
internal sealed class MessageFlow(GatewayContext gateway)
{
    public async Task HandleAsync(GatewayConnection connection, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var requestId = gateway.Ids.NewId();
        var messageId = gateway.Ids.NewId();
        var route = gateway.Routes.Select(body);
        using var activity = GatewayObservability.Source.StartActivity(route?.RouteKey ?? "no route", ActivityKind.Server);
        activity?.SetTag(GatewayObservability.ConnectionId, connection.Id);
        activity?.SetTag(GatewayObservability.RequestId, requestId);
        activity?.SetTag(GatewayObservability.EventType, "MESSAGE");

        try
        {
            if (route is null)
            {
                GatewayLog.NoRoute(gateway.Logger, connection.Id, requestId);
                activity?.SetTag(GatewayObservability.Status, 403);
                GatewayMetrics.Message("");
                GatewayMetrics.ErrorFrame("forbidden");
                await connection.SendTextAsync(ErrorFrames.Forbidden(connection.Id, requestId), cancellationToken);
                return;
            }
            activity?.SetTag(GatewayObservability.RouteKey, route.RouteKey);
            GatewayLog.Message(gateway.Logger, connection.Id, route.RouteKey, requestId);
            GatewayMetrics.Message(route.RouteKey);

            var context = new RequestContextValues
            {
                RouteKey = route.RouteKey,
                EventType = "MESSAGE",
                ConnectionId = connection.Id,
                RequestId = requestId,
                MessageId = messageId,
                RequestTime = gateway.Time.GetUtcNow(),
                ConnectedAt = connection.ConnectedAt,
                Stage = gateway.StageName,
                ApiId = gateway.Api.ApiId,
                Identity = connection.Identity,
            };
            var request = new IntegrationRequest(context, body, upgrade: null, gateway.StageVariables, () => ProxyEvents.Message(context, body));
            var started = gateway.Time.GetTimestamp();
            var outcome = await gateway.Integrations.RunAsync(route, request, cancellationToken);
            GatewayMetrics.Integration(route.RouteKey, gateway.Time.GetElapsedTime(started), outcome.Failed);
            if (outcome.Failed)
            {
                GatewayMetrics.ErrorFrame("internal_server_error");
                activity?.SetStatus(ActivityStatusCode.Error, outcome.Failure);
                GatewayLog.IntegrationFailed(gateway.Logger, connection.Id, route.RouteKey, requestId, outcome.Failure!);
                await connection.SendTextAsync(ErrorFrames.InternalServerError(connection.Id, requestId), cancellationToken);
                return;
            }
            activity?.SetTag(GatewayObservability.Status, outcome.StatusCode);
            if (route.IsTwoWay && outcome.ResponseBody is { } response)
            {
                await connection.SendTextAsync(response, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The connection or the gateway is going away.
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or SlowClientException)
        {
            // The client left before the answer, or is not reading it; nothing more to send it.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever broke, it must not take the connection or the gateway down: answer like API Gateway does.
            GatewayLog.MessageCrashed(gateway.Logger, e, connection.Id, requestId);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            GatewayMetrics.ErrorFrame("internal_server_error");
            await TrySendAsync(connection, ErrorFrames.InternalServerError(connection.Id, requestId), cancellationToken);
        }
    }

    private static async Task TrySendAsync(GatewayConnection connection, string frame, CancellationToken cancellationToken)
    {
        try
        {
            await connection.SendTextAsync(frame, cancellationToken);
        }
        catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or OperationCanceledException or ObjectDisposedException or SlowClientException)
        {
            // Gone already, or not reading.
        }
    }
}
