using System.Text.Json;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The README's exchange against the real local stack: connect, a row appears, the reply comes, close removes the row.</summary>
[Collection(StackCollection.Name)]
public sealed class RoundTripTests(StackFixture fixture)
{
    private const string SamplePayload = """{"action":"sendmessage","message":"hey queen"}""";

    [SkippableFact]
    public async Task Token_hello_connects_stores_the_connection_replies_and_close_removes_it()
    {
        await fixture.StartAsync();
        await using var client = await Support.TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var connectionId = await client.LearnConnectionIdAsync();
        Assert.True(await fixture.HasConnectionRowAsync(connectionId), "the $connect function should have stored the connection id");

        await client.SendAsync(SamplePayload);
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        await client.CloseAsync();
        await Support.Eventually.TrueAsync(async () => !await fixture.HasConnectionRowAsync(connectionId), "the $disconnect function deleted the row");
    }

    [SkippableFact]
    public async Task The_stacks_console_says_what_started_and_what_the_template_asks_that_is_not_emulated()
    {
        await fixture.StartAsync();

        var template = fixture.Log.Split('\n').Where(l => l.StartsWith("template ", StringComparison.Ordinal)).ToList();
        Assert.Contains(template, l => l.Contains("[AuthorizerPermission] not emulated: IAM is not enforced locally", StringComparison.Ordinal));
        Assert.Contains(template, l => l.Contains("template.yaml: 3 routes, 4 functions, 1 tables", StringComparison.Ordinal));
    }

    [SkippableTheory]
    [InlineData("it's")]
    [InlineData("say \"hi\"")]
    [InlineData("back\\slash and a / slash")]
    [InlineData("héllo wörld — 你好 🎉")]
    [InlineData("line\nbreak\ttab")]
    [InlineData("all: ' \" \\ ü </script> ${x} #if")]
    public async Task Messages_with_quotes_backslashes_and_non_ascii_still_get_the_reply(string text)
    {
        await fixture.StartAsync();
        await using var client = await Support.TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        await client.SendAsync(JsonSerializer.Serialize(new Dictionary<string, string> { ["action"] = "sendmessage", ["message"] = text }));
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());
        await client.CloseAsync();
    }

    [SkippableFact]
    public async Task Two_clients_each_get_their_own_reply_and_nothing_else()
    {
        await fixture.StartAsync();
        await using var first = await Support.TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        await using var second = await Support.TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);

        await Task.WhenAll(first.SendAsync(SamplePayload), second.SendAsync(SamplePayload));
        Assert.Equal(StackFixture.Reply, await first.ReceiveAsync());
        Assert.Equal(StackFixture.Reply, await second.ReceiveAsync());

        // The next frame each client sees must be its own answer to a new message: had the other
        // client's reply leaked to it, that reply would come first.
        var firstId = await first.LearnConnectionIdAsync();
        var secondId = await second.LearnConnectionIdAsync();
        Assert.NotEqual(firstId, secondId);

        await first.CloseAsync();
        await second.CloseAsync();
    }

    [SkippableFact]
    public async Task A_message_with_no_matching_route_gets_the_forbidden_frame_and_the_connection_stays_open()
    {
        await fixture.StartAsync();
        await using var client = await Support.TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        await client.SendAsync("not json at all");
        var frame = await client.ReceiveAsync();
        Assert.Matches("""^\{"message": "Forbidden", "connectionId":"[A-Za-z0-9_-]{15}=", "requestId":"[A-Za-z0-9_-]{15}="\}$""", frame);

        await client.SendAsync(SamplePayload);
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());
        await client.CloseAsync();
    }
}
