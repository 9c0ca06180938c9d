using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// The gateway's metrics, named after API Gateway's CloudWatch metrics for WebSocket APIs
/// (ConnectCount, MessageCount, IntegrationLatency, ClientError/ExecutionError) in OpenTelemetry form.
/// </summary>
internal static class GatewayMetrics
{
    private static readonly Meter Meter = new(GatewayObservability.MeterName);

    private static readonly UpDownCounter<long> OpenConnections = Meter.CreateUpDownCounter<long>(
        "apigw.websocket.connections.open", "{connection}", "Connections open now");

    private static readonly Counter<long> Connects = Meter.CreateCounter<long>(
        "apigw.websocket.connects", "{connection}", "Handshakes accepted ($connect succeeded)");

    private static readonly Counter<long> Messages = Meter.CreateCounter<long>(
        "apigw.websocket.messages", "{message}", "Messages received from clients, by route");

    private static readonly Histogram<double> IntegrationLatency = Meter.CreateHistogram<double>(
        "apigw.websocket.integration.duration", "s", "Time from the gateway calling an integration to its answer");

    private static readonly Counter<long> ErrorFrames = Meter.CreateCounter<long>(
        "apigw.websocket.error_frames", "{frame}", "API Gateway error frames sent to clients, by kind");

    public static void Opened()
    {
        OpenConnections.Add(1);
        Connects.Add(1);
    }

    public static void Closed() => OpenConnections.Add(-1);

    public static void Message(string routeKey) => Messages.Add(1, new TagList { { GatewayObservability.RouteKey, routeKey } });

    public static void Integration(string routeKey, TimeSpan elapsed, bool failed) =>
        IntegrationLatency.Record(elapsed.TotalSeconds, new TagList { { GatewayObservability.RouteKey, routeKey }, { "error", failed } });

    /// <summary><paramref name="kind"/>: <c>forbidden</c> (no route), <c>internal_server_error</c>.</summary>
    public static void ErrorFrame(string kind) => ErrorFrames.Add(1, new TagList { { "apigw.error_frame", kind } });
}
