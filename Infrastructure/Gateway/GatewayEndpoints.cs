using System.Diagnostics;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Infrastructure.Http;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// The gateway's HTTP surface: the WebSocket upgrade at <c>/{stage}</c> and the <c>@connections</c>
/// API under it. Translation only: the decisions live in the flows and <see cref="ConnectionsService"/>.
/// </summary>
internal static class GatewayEndpoints
{
    // gateway: null while the stack behind it is still starting; such requests get 503.
    public static IEndpointRouteBuilder MapWebSocketGateway(this IEndpointRouteBuilder routes, Func<WebSocketGateway?> gateway, SigV4Verifier verifier)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(gateway);
        // The stage is a route value checked per request, so a reloaded template can rename it.
        routes.Map("/{stage}", context => Dispatch(context, gateway(), g => UpgradeAsync(context, g)));
        routes.MapMethods("/{stage}/@connections/{connectionId}", ["GET", "POST", "DELETE"],
            context => Dispatch(context, gateway(), g => ConnectionsAsync(context, g, verifier)));
        // Anything else on the gateway's port is what API Gateway answers for an unknown path.
        routes.Map("{**path}", context => WriteForbiddenAsync(context));
        return routes;
    }

    private static bool IsStage(HttpContext context, WebSocketGateway gateway) =>
        string.Equals((string?)context.Request.RouteValues["stage"], gateway.Context.StageName, StringComparison.Ordinal);

    private static Task Dispatch(HttpContext context, WebSocketGateway? gateway, Func<WebSocketGateway, Task> handle)
    {
        if (gateway is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            return Task.CompletedTask;
        }
        return IsStage(context, gateway) ? handle(gateway) : WriteForbiddenAsync(context);
    }

    /// <summary>
    /// The web server's own per-request activity (unsampled, and for a WebSocket as long as the
    /// connection) must not parent the gateway's spans: each handshake, message and @connections
    /// call is its own trace, as in API Gateway.
    /// </summary>
    private static void LeaveServerActivity() => Activity.Current = null;

    private static async Task UpgradeAsync(HttpContext context, WebSocketGateway gateway)
    {
        LeaveServerActivity();
        // RFC 6455 needs HTTP/1.1: Kestrel would also upgrade an HTTP/1.0 request, and an HTTP/2
        // extended CONNECT, neither of which API Gateway accepts. 400 is our choice; AWS's exact answer is unverified.
        if (!HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            return;
        }
        Task session;
        using (var handshake = gateway.BeginHandshake())
        {
            if (handshake is null)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                return;
            }
            // The $connect runs to its end even if the client leaves meanwhile: its function may already
            // have stored the connection, and only a $disconnect undoes that.
            var decision = await gateway.Connect.RunAsync(ToUpgradeRequest(context), CancellationToken.None);
            if (!decision.Accepted)
            {
                gateway.OnHandshake(context.Connection.RemotePort, decision.StatusCode, null, decision.Reason);
                context.Response.StatusCode = decision.StatusCode;
                return;
            }
            if (gateway.IsStopping)
            {
                // Stopping while its $connect ran: the connection never opens, and its $disconnect undoes the $connect.
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await gateway.AbandonedAsync(decision.Context!);
                return;
            }
            string? subProtocol = null;
            foreach (var (name, value) in decision.Headers)
            {
                if (string.Equals(name, "Sec-WebSocket-Protocol", StringComparison.OrdinalIgnoreCase))
                {
                    subProtocol = value;
                }
                else
                {
                    context.Response.Headers[name] = value;
                }
            }
            WebSocket socket;
            try
            {
                context.RequestAborted.ThrowIfCancellationRequested();
                socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext { SubProtocol = subProtocol });
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or InvalidOperationException or ConnectionResetException)
            {
                // Connected as far as $connect is concerned, but the client is gone: it gets its $disconnect.
                await gateway.AbandonedAsync(decision.Context!);
                return;
            }
            gateway.OnHandshake(context.Connection.RemotePort, StatusCodes.Status101SwitchingProtocols, decision.Context!.ConnectionId, null);
            // Registered among the open connections before the handshake ends, so shutdown closes it.
            session = gateway.RunAsync(decision.Context!.ConnectionId, socket, decision.Context, SniffingUpgradeFeature.Of(context));
        }
        await session;
    }

    private static async Task ConnectionsAsync(HttpContext context, WebSocketGateway gateway, SigV4Verifier verifier)
    {
        LeaveServerActivity();
        var connectionId = (string)context.Request.RouteValues["connectionId"]!;
        // The caller (a function handling a message) sends traceparent: join the message's trace.
        ActivityContext.TryParse(context.Request.Headers.TraceParent, context.Request.Headers.TraceState, out var parent);
        using var activity = GatewayObservability.Source.StartActivity($"@connections {context.Request.Method}", ActivityKind.Server, parent);
        activity?.SetTag(GatewayObservability.ConnectionId, connectionId);
        var headers = SignedRequests.Headers(context);
        // Authenticate from the headers before reading a byte of the body, and never buffer more
        // than PostToConnection accepts: an unsigned or oversized request costs nothing.
        if (verifier.VerifyHeaders(headers) is { IsValid: false } early)
        {
            await RefuseAsync(context, gateway, early);
            return;
        }
        if (context.Request.ContentLength > ConnectionsService.MaxPostBytes)
        {
            await WriteAsync(context, ConnectionsService.TooLarge(context.Request.ContentLength.Value));
            return;
        }
        if (await BoundedBody.ReadAsync(context.Request.Body, ConnectionsService.MaxPostBytes, context.RequestAborted) is not { } body)
        {
            await WriteAsync(context, ConnectionsService.TooLarge(null));
            return;
        }

        var verification = verifier.Verify(SignedRequests.Read(context, headers, body));
        if (!verification.IsValid)
        {
            await RefuseAsync(context, gateway, verification);
            return;
        }

        var api = gateway.ConnectionsApi;
        var response = context.Request.Method switch
        {
            "POST" => await api.PostAsync(connectionId, body, context.RequestAborted),
            "GET" => api.Get(connectionId),
            _ => await api.DeleteAsync(connectionId, context.RequestAborted),
        };
        activity?.SetTag(GatewayObservability.Status, response.StatusCode);
        await WriteAsync(context, response);
    }

    private static async Task RefuseAsync(HttpContext context, WebSocketGateway gateway, SigV4VerificationResult verification)
    {
        GatewayLog.ConnectionsForbidden(gateway.Context.Logger, context.Request.Method, verification.Message ?? "");
        await WriteAsync(context, ConnectionsResponse.Error(403, verification.ErrorType ?? "ForbiddenException", verification.Message ?? "Forbidden"));
    }

    private static async Task WriteAsync(HttpContext context, ConnectionsResponse response)
    {
        context.Response.StatusCode = response.StatusCode;
        if (response.ErrorType is { } errorType)
        {
            context.Response.Headers["x-amzn-ErrorType"] = errorType;
        }
        if (response.Body is { } body)
        {
            context.Response.ContentType = "application/json";
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }

    private static Task WriteForbiddenAsync(HttpContext context) =>
        WriteAsync(context, ConnectionsResponse.Error(403, "ForbiddenException", "Forbidden"));

    private static UpgradeRequest ToUpgradeRequest(HttpContext context)
    {
        var request = context.Request;
        var headers = new List<KeyValuePair<string, string[]>>();
        foreach (var (name, values) in request.Headers)
        {
            headers.Add(new(name, [.. values.Select(v => v ?? "")]));
        }
        var query = new List<KeyValuePair<string, string[]>>();
        foreach (var (name, values) in request.Query)
        {
            query.Add(new(name, [.. values.Select(v => v ?? "")]));
        }
        return new UpgradeRequest
        {
            Headers = headers,
            Query = query,
            SourceIp = context.Connection.RemoteIpAddress?.ToString() ?? "127.0.0.1",
            DomainName = request.Host.Value ?? "localhost",
            Port = context.Connection.LocalPort,
            Scheme = request.Scheme,
        };
    }
}
