using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace WebSocketAspire.LoadTest.Floor;

/// <summary>
/// The transport floor of our architecture, with nothing else: a Kestrel WebSocket endpoint, a Lambda
/// Runtime API (<c>/next</c>, <c>/response</c>) and an <c>@connections</c> POST, serving function
/// processes that answer every message through <c>@connections</c>. No authorizer, route selection,
/// mapping template, JSON, SigV4, DynamoDB, logging or telemetry: what it reaches is the most any
/// gateway can reach on this machine while each invocation crosses into a function process, as Lambda's
/// does. With no function processes, it answers the frame itself (the bare WebSocket echo).
/// </summary>
internal static class FloorGateway
{
    public const string ReadyLine = "floor listening ";
    public const string ConnectionHeader = "X-Floor-Connection";
    private const int MaxBody = 128 * 1024;

    public static async Task<int> RunAsync(int functions)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(o =>
        {
            o.Listen(IPAddress.Loopback, 0);
            o.Limits.MaxRequestBodySize = MaxBody;
        });
        var app = builder.Build();
        app.UseWebSockets();

        var sockets = new ConcurrentDictionary<string, (WebSocket Socket, SemaphoreSlim Send)>();
        var invocations = Channel.CreateUnbounded<(string Connection, byte[] Body)>();
        var nextConnection = 0L;
        var nextRequest = 0L;
        var reply = FloorFunction.Reply;

        app.Map("/stage", async context =>
        {
            if (!context.WebSockets.IsWebSocketRequest)
            {
                context.Response.StatusCode = 426;
                return;
            }
            using var socket = await context.WebSockets.AcceptWebSocketAsync();
            using var send = new SemaphoreSlim(1);
            var id = Interlocked.Increment(ref nextConnection).ToString(System.Globalization.CultureInfo.InvariantCulture);
            sockets[id] = (socket, send);
            var buffer = new byte[MaxBody];
            try
            {
                while (true)
                {
                    var total = 0;
                    ValueWebSocketReceiveResult result;
                    do
                    {
                        result = await socket.ReceiveAsync(buffer.AsMemory(total), CancellationToken.None);
                        total += result.Count;
                    }
                    while (!result.EndOfMessage && total < buffer.Length);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                        return;
                    }
                    if (functions == 0)
                    {
                        await socket.SendAsync(reply, WebSocketMessageType.Text, true, CancellationToken.None);
                        continue;
                    }
                    invocations.Writer.TryWrite((id, buffer[..total]));
                }
            }
            catch (WebSocketException)
            {
                // The client went away.
            }
            finally
            {
                sockets.TryRemove(id, out _);
            }
        });
        app.MapGet("/2018-06-01/runtime/invocation/next", async context =>
        {
            var (connection, body) = await invocations.Reader.ReadAsync(context.RequestAborted);
            context.Response.Headers["Lambda-Runtime-Aws-Request-Id"] = Interlocked.Increment(ref nextRequest).ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers[ConnectionHeader] = connection;
            await context.Response.Body.WriteAsync(body);
        });
        app.MapPost("/2018-06-01/runtime/invocation/{id}/response", async context =>
        {
            await ReadBodyAsync(context.Request);
            context.Response.StatusCode = 202;
        });
        app.MapPost("/stage/@connections/{id}", async (HttpContext context, string id) =>
        {
            var body = await ReadBodyAsync(context.Request);
            if (!sockets.TryGetValue(id, out var target))
            {
                context.Response.StatusCode = 410;
                return;
            }
            await target.Send.WaitAsync();
            try
            {
                await target.Socket.SendAsync(body, WebSocketMessageType.Text, true, CancellationToken.None);
            }
            finally
            {
                target.Send.Release();
            }
        });

        await app.StartAsync();
        var port = new Uri(app.Urls.First()).Port;
        var children = new List<Process>();
        for (var i = 0; i < functions; i++)
        {
            var (fileName, arguments) = SelfCommand.With(FloorFunction.Verb);
            var start = new ProcessStartInfo(fileName, arguments) { UseShellExecute = false };
            start.Environment["AWS_LAMBDA_RUNTIME_API"] = $"127.0.0.1:{port}";
            children.Add(Process.Start(start)!);
        }
        Console.WriteLine($"{ReadyLine}ws://127.0.0.1:{port}/stage");

        // Runs until the load test stops it (SIGTERM), then takes its function processes with it.
        await app.WaitForShutdownAsync();
        foreach (var child in children)
        {
            child.Kill();
            await child.WaitForExitAsync();
            child.Dispose();
        }
        return 0;
    }

    /// <summary>Kestrel refuses a body over <see cref="MaxBody"/> as it is read.</summary>
    private static async Task<byte[]> ReadBodyAsync(HttpRequest request)
    {
        using var body = new MemoryStream();
        await request.Body.CopyToAsync(body);
        return body.ToArray();
    }
}
