using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Http;

namespace WebSocketAspire.Infrastructure.TestClient;

/// <summary>
/// The browser test client: a page to connect with any headers and query string, send frames and
/// watch what comes back, and see, post to and close the open connections. Served on its own port,
/// so the gateway's own surface stays exactly API Gateway's.
/// </summary>
internal static class TestClientServer
{
    public static WebApplication Create(IPAddress host, int port, WebSocketGateway gateway, Func<Uri> gatewayUrl, TestClientAccess access, TimeProvider time, Action<ILoggingBuilder>? logging)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var app = Hosting.Local.Servers.CreateBuilder(host, port, logging).Build();
        var handshakes = new HandshakeWatch(gateway);
        app.Lifetime.ApplicationStopped.Register(handshakes.Dispose);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });

        app.MapGet("/", (HttpContext context) =>
        {
            if (access.Matches(context.Request.Query[TestClientAccess.QueryName]))
            {
                access.SetCookie(context.Response);
                return Results.Redirect("/");
            }
            return access.Allows(context.Request)
                ? Results.Bytes(Page.Value, "text/html; charset=utf-8")
                : Results.Text("Open the test client with the link the stack prints (or the API resource's 'test client' URL in the dashboard): it carries the access token.", "text/plain", statusCode: StatusCodes.Status401Unauthorized);
        });

        app.MapGet("/api/target", (HttpContext context) =>
            access.Allows(context.Request) ? Results.Text(gatewayUrl().ToString()) : Results.Unauthorized());

        app.MapGet("/api/connections", (HttpContext context) =>
            access.Allows(context.Request) ? Results.Bytes(ConnectionList.Write(gateway.Context.Connections), "application/json") : Results.Unauthorized());

        app.MapPost("/api/connections/{connectionId}", async (HttpContext context, string connectionId) =>
        {
            if (!access.Allows(context.Request))
            {
                return Results.Unauthorized();
            }
            if (await BoundedBody.ReadAsync(context.Request.Body, ConnectionsService.MaxPostBytes, context.RequestAborted) is not { } body)
            {
                return Answer(ConnectionsService.TooLarge(null));
            }
            return Answer(await gateway.ConnectionsApi.PostAsync(connectionId, body, context.RequestAborted));
        });

        app.MapDelete("/api/connections/{connectionId}", async (HttpContext context, string connectionId) =>
            access.Allows(context.Request)
                ? Answer(await gateway.ConnectionsApi.DeleteAsync(connectionId, context.RequestAborted))
                : Results.Unauthorized());

        app.Map("/relay", async (HttpContext context) =>
        {
            if (!access.Allows(context.Request))
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return;
            }
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
                return;
            }
            using var page = await context.WebSockets.AcceptWebSocketAsync();
            using var session = new RelaySession(page, gatewayUrl(), handshakes, time);
            await session.RunAsync(context.RequestAborted);
        });
        return app;
    }

    private static IResult Answer(ConnectionsResponse response) =>
        Results.Json(new ConnectionsAnswer(response.StatusCode, response.ErrorType), TestClientJsonContext.Default.ConnectionsAnswer);

    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(TestClientServer).Assembly.GetManifestResourceStream("testclient/index.html")
            ?? throw new InvalidOperationException("testclient/index.html is missing from the assembly.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });
}

/// <summary>The open connections as the page lists them: what GetConnection returns, plus the id and the authorizer's context.</summary>
internal static class ConnectionList
{
    public static byte[] Write(ConnectionRegistry connections)
    {
        ArgumentNullException.ThrowIfNull(connections);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            foreach (var connection in connections.Snapshot().OrderBy(c => c.ConnectedAt))
            {
                writer.WriteStartObject();
                writer.WriteString("connectionId", connection.Id);
                writer.WriteString("connectedAt", connection.ConnectedAt.UtcDateTime);
                writer.WriteString("lastActiveAt", connection.LastActiveAt.UtcDateTime);
                writer.WriteString("sourceIp", connection.Identity.SourceIp);
                writer.WriteString("userAgent", connection.Identity.UserAgent);
                writer.WriteString("state", connection.State.ToString());
                writer.WriteStartObject("authorizer");
                foreach (var (key, value) in connection.Identity.Authorizer ?? new Dictionary<string, object?>())
                {
                    writer.WriteString(key, Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture));
                }
                writer.WriteEndObject();
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
        }
        return buffer.ToArray();
    }
}
