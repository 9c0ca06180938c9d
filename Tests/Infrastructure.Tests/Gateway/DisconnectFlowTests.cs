using System.Text.Json;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

public sealed class DisconnectFlowTests
{
    private const string ConnectionId = "conn00000000001=";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static GatewayHarness Harness(Func<string, FunctionReply> disconnect) =>
        GatewayHarness.Create(
            new ApiBuilder().ProxyRoute("$disconnect", "DisconnectFunction").Build(),
            new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal) { ["DisconnectFunction"] = disconnect });

    [Theory]
    [InlineData(1000, "Connection Closed Normally", 1000, "Connection Closed Normally")]
    [InlineData(1001, "", 1001, "")]
    [InlineData(null, null, 1006, "")]
    public async Task The_DISCONNECT_event_reports_why_the_connection_ended(int? code, string? reason, int expectedCode, string expectedReason)
    {
        await using var harness = Harness(_ => FunctionReply.Proxy(200));
        var (connection, _) = harness.Connect(ConnectionId);
        if (code is { } c)
        {
            connection.MarkClosing(c, reason!);
        }

        await new DisconnectFlow(harness.Context).RunAsync(connection, CancellationToken.None).WaitAsync(Deadline);

        using var document = JsonDocument.Parse(Assert.Single(harness.Function("DisconnectFunction").Events));
        var context = document.RootElement.GetProperty("requestContext");
        Assert.Equal("$disconnect", context.GetProperty("routeKey").GetString());
        Assert.Equal(expectedCode, context.GetProperty("disconnectStatusCode").GetInt32());
        Assert.Equal(expectedReason, context.GetProperty("disconnectReason").GetString());
    }

    [Fact]
    public async Task A_failing_disconnect_function_is_swallowed()
    {
        await using var harness = Harness(_ => FunctionReply.Error("boom"));
        var (connection, _) = harness.Connect(ConnectionId);

        await new DisconnectFlow(harness.Context).RunAsync(connection, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(1, harness.Endpoint("DisconnectFunction").InvocationCount);
    }

    [Fact]
    public async Task The_first_close_reason_wins()
    {
        await using var harness = Harness(_ => FunctionReply.Proxy(200));
        var (connection, _) = harness.Connect(ConnectionId);

        Assert.True(connection.MarkClosing(1009, "Message too big"));
        Assert.False(connection.MarkClosing(1000, "Connection Closed Normally"));

        Assert.Equal(new DisconnectInfo(1009, "Message too big"), connection.Disconnect);
    }
}
