using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Gateway;

/// <summary>Stopping the gateway (Ctrl+C) with a handshake in flight: no connection opens after the open ones were closed.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Shutdown_waits_for_a_handshake_in_flight_and_refuses_new_ones()
    {
        await using var harness = GatewayHarness.Create(new ApiBuilder().Build(), new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal));
        using var gateway = new WebSocketGateway(harness.Context);

        var inFlight = gateway.BeginHandshake();
        Assert.NotNull(inFlight);
        var shutdown = gateway.ShutdownAsync(TimeSpan.FromMinutes(1));

        Assert.True(gateway.IsStopping);
        Assert.Null(gateway.BeginHandshake());
        Assert.False(shutdown.IsCompleted, "shutdown must not close connections while a handshake may still open one");

        inFlight.Dispose();
        inFlight.Dispose(); // ending twice counts once
        Assert.Equal((0, 0), await shutdown.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Shutdown_without_handshakes_in_flight_does_not_wait()
    {
        await using var harness = GatewayHarness.Create(new ApiBuilder().Build(), new Dictionary<string, Func<string, FunctionReply>?>(StringComparer.Ordinal));
        using var gateway = new WebSocketGateway(harness.Context);
        using (gateway.BeginHandshake())
        {
        }
        Assert.Equal((0, 0), await gateway.ShutdownAsync(TimeSpan.FromMinutes(1)).WaitAsync(TimeSpan.FromSeconds(30)));
    }
}
