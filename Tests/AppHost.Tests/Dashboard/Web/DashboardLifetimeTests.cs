using System.Net.Sockets;
using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Dashboard.Telemetry;
using WebSocketAspire.Tests.AppHost.Dashboard.Support;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Web;

public sealed class DashboardLifetimeTests
{
    [Fact]
    public async Task Stop_then_dispose_closes_all_three_ports()
    {
        var server = await DashboardHost.StartAsync(new DashboardOptions(), new TelemetryRepository(TimeProvider.System), new FakeResourceSource(), CancellationToken.None);
        Uri[] urls = [server.DashboardUrl, server.OtlpGrpcEndpoint, server.OtlpHttpEndpoint];
        foreach (var url in urls)
        {
            Assert.True(await Accepts(url), $"{url} accepts connections while running");
        }

        await server.StopAsync();
        await server.DisposeAsync();
        await server.DisposeAsync();

        foreach (var url in urls)
        {
            Assert.False(await Accepts(url), $"{url} is closed after disposal");
        }
    }

    [Fact]
    public async Task Fixed_ports_are_used_as_given_and_a_taken_port_fails_the_start()
    {
        await using var first = await DashboardHost.StartAsync(new DashboardOptions(), new TelemetryRepository(TimeProvider.System), new FakeResourceSource(), CancellationToken.None);
        var taken = first.OtlpGrpcEndpoint.Port;

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            DashboardHost.StartAsync(new DashboardOptions { OtlpGrpcPort = taken }, new TelemetryRepository(TimeProvider.System), new FakeResourceSource(), CancellationToken.None));
        Assert.Contains($"OtlpGrpcPort={taken}", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<IOException>(error.InnerException);
    }

    private static async Task<bool> Accepts(Uri url)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(url.Host, url.Port).WaitAsync(TimeSpan.FromSeconds(10));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
