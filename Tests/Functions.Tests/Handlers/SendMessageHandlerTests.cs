using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using WebSocketAspire.Functions.Connections;
using WebSocketAspire.Functions.Events;
using WebSocketAspire.Functions.Handlers;
using WebSocketAspire.Tests.Functions.Events;
using WebSocketAspire.Tests.Functions.Fakes;

namespace WebSocketAspire.Tests.Functions.Handlers;

public sealed class SendMessageHandlerTests
{
    [Fact]
    public async Task Replies_exactly_once_to_the_sender_only()
    {
        var api = new FakeConnectionsApi();
        var store = new FakeConnectionStore();

        var response = await Handler(api, store, new FakeEnvironmentVariables()).HandleAsync(Parse(), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        var post = Assert.Single(api.Posts);
        Assert.Equal("BFaT_fALIAMCKug=", post.ConnectionId);
        Assert.Equal("good job on deploying this template, keep slaying!!", post.Data);
        Assert.Empty(store.Deletes);
        Assert.Empty(store.Puts);
    }

    [Fact]
    public async Task Without_an_override_the_endpoint_is_the_stage_url_of_the_event()
    {
        var api = new FakeConnectionsApi();

        await Handler(api, new FakeConnectionStore(), new FakeEnvironmentVariables()).HandleAsync(Parse(), CancellationToken.None);

        Assert.Equal(new Uri("https://abc123defg.execute-api.us-east-1.amazonaws.com/prod"), api.Posts.Single().Endpoint);
    }

    [Fact]
    public async Task The_endpoint_variable_overrides_the_event()
    {
        var api = new FakeConnectionsApi();
        var environment = new FakeEnvironmentVariables((ManagementApiEndpoint.EndpointVariable, "http://127.0.0.1:3001/stage"));

        await Handler(api, new FakeConnectionStore(), environment).HandleAsync(Parse(), CancellationToken.None);

        Assert.Equal(new Uri("http://127.0.0.1:3001/stage"), api.Posts.Single().Endpoint);
    }

    [Fact]
    public async Task A_gone_connection_is_deleted_and_the_invocation_succeeds()
    {
        var api = new FakeConnectionsApi { GoneConnections = { "BFaT_fALIAMCKug=" } };
        var store = new FakeConnectionStore();

        var response = await Handler(api, store, new FakeEnvironmentVariables()).HandleAsync(Parse(), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(["BFaT_fALIAMCKug="], store.Deletes);
    }

    [Fact]
    public async Task Other_failures_propagate_and_keep_the_row()
    {
        var api = new FakeConnectionsApi { PostFailure = new ConnectionsApiException(HttpStatusCode.Forbidden, "ForbiddenException", "Forbidden") };
        var store = new FakeConnectionStore();

        await Assert.ThrowsAsync<ConnectionsApiException>(
            () => Handler(api, store, new FakeEnvironmentVariables()).HandleAsync(Parse(), CancellationToken.None));
        Assert.Empty(store.Deletes);
    }

    private static SendMessageHandler Handler(FakeConnectionsApi api, FakeConnectionStore store, FakeEnvironmentVariables environment) =>
        new(api, store, environment, NullLogger<SendMessageHandler>.Instance);

    private static SendMessageEvent Parse() =>
        JsonSerializer.Deserialize(CapturedEvents.SendMessage, FunctionsJsonContext.Default.SendMessageEvent)!;
}
