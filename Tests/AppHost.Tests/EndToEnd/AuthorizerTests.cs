using System.Net;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The REQUEST authorizer on $connect, as the template configures it.</summary>
[Collection(StackCollection.Name)]
public sealed class AuthorizerTests(StackFixture fixture)
{
    [SkippableFact]
    public async Task Without_the_token_header_the_handshake_gets_401_and_the_authorizer_is_not_invoked()
    {
        await fixture.StartAsync();
        var before = fixture.Invocations("AuthorizerFunction");
        Assert.Equal(HttpStatusCode.Unauthorized, await Support.TestClient.RefusedStatusAsync(fixture.Url));
        Assert.Equal(before, fixture.Invocations("AuthorizerFunction"));
    }

    [SkippableFact]
    public async Task A_wrong_token_gets_401_from_the_authorizer()
    {
        await fixture.StartAsync();
        var before = fixture.Invocations("AuthorizerFunction");
        var status = await Support.TestClient.RefusedStatusAsync(fixture.Url, new Dictionary<string, string> { ["token"] = "nope" });
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal(before + 1, fixture.Invocations("AuthorizerFunction"));
    }

    [SkippableFact]
    public async Task A_refused_handshake_runs_neither_connect_nor_disconnect()
    {
        await fixture.StartAsync();
        var connects = fixture.Invocations("ConnectFunction");
        var disconnects = fixture.Invocations("DisconnectFunction");
        await Support.TestClient.RefusedStatusAsync(fixture.Url, new Dictionary<string, string> { ["token"] = "nope" });
        Assert.Equal(connects, fixture.Invocations("ConnectFunction"));
        Assert.Equal(disconnects, fixture.Invocations("DisconnectFunction"));
    }
}
