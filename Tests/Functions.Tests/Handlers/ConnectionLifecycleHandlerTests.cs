using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Handlers;
using WebSocketAspire.Tests.Functions.Events;
using WebSocketAspire.Tests.Functions.Fakes;

namespace WebSocketAspire.Tests.Functions.Handlers;

public sealed class ConnectionLifecycleHandlerTests
{
    [Fact]
    public async Task Connect_stores_the_connection_id_and_accepts()
    {
        var store = new FakeConnectionStore();

        var response = await new ConnectHandler(store, NullLogger<ConnectHandler>.Instance)
            .HandleAsync(Parse(CapturedEvents.Connect), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["BFHPhfCWIAMCKlQ="], store.Puts);
        Assert.Empty(store.Deletes);
    }

    [Fact]
    public async Task Disconnect_removes_the_connection_id()
    {
        var store = new FakeConnectionStore();

        var response = await new DisconnectHandler(store, NullLogger<DisconnectHandler>.Instance)
            .HandleAsync(Parse(CapturedEvents.Disconnect), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["R1kmxc2VNjMCFIA="], store.Deletes);
        Assert.Empty(store.Puts);
    }

    [Fact]
    public async Task An_event_without_a_connection_id_fails()
    {
        var input = Parse(CapturedEvents.Connect) with { RequestContext = null };

        await Assert.ThrowsAsync<InvalidDataException>(
            () => new ConnectHandler(new FakeConnectionStore(), NullLogger<ConnectHandler>.Instance).HandleAsync(input, CancellationToken.None));
    }

    private static WebSocketProxyEvent Parse(string json) =>
        JsonSerializer.Deserialize(json, FunctionsJsonContext.Default.WebSocketProxyEvent)!;
}
