using System.Text;
using System.Text.Json;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The dashboard's Invoke command: each function runs with the event of its first use in the API, and its console shows both.</summary>
[Collection(StackCollection.Name)]
public sealed class InvokeCommandTests(StackFixture fixture)
{
    [SkippableFact]
    public async Task The_authorizer_gets_a_request_event_with_its_identity_source_and_allows_it()
    {
        await fixture.StartAsync();

        var invocation = await fixture.Stack.InvokeSampleAsync("AuthorizerFunction", CancellationToken.None);

        Assert.NotNull(invocation?.Result);
        Assert.False(invocation.Result.IsError, Encoding.UTF8.GetString(invocation.Result.Payload));
        using var sample = JsonDocument.Parse(invocation.Sample.Payload!);
        Assert.Equal("REQUEST", sample.RootElement.GetProperty("type").GetString());
        Assert.Equal("hello", sample.RootElement.GetProperty("headers").GetProperty("token").GetString());
        using var policy = JsonDocument.Parse(invocation.Result.Payload);
        Assert.Equal("Allow", policy.RootElement.GetProperty("policyDocument").GetProperty("Statement")[0].GetProperty("Effect").GetString());
        Assert.Contains("AuthorizerFunction", fixture.Log, StringComparison.Ordinal);
        Assert.Contains("Invoke with the ", fixture.Log, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_message_function_gets_its_routes_mapping_template_rendered_with_a_body_that_selects_the_route()
    {
        await fixture.StartAsync();

        var invocation = await fixture.Stack.InvokeSampleAsync("SendMessageFunction", CancellationToken.None);

        Assert.NotNull(invocation?.Result);
        Assert.False(invocation.Result.IsError, Encoding.UTF8.GetString(invocation.Result.Payload));
        using var sample = JsonDocument.Parse(invocation.Sample.Payload!);
        Assert.Equal("sendmessage", sample.RootElement.GetProperty("requestContext").GetProperty("routeKey").GetString());
        Assert.Equal("""{"action":"sendmessage","message":"hey queen"}""", sample.RootElement.GetProperty("body").GetString());
        Assert.Contains($"Invoke {invocation.Result.RequestId}: ", fixture.Log, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task An_unknown_function_is_not_invoked()
    {
        await fixture.StartAsync();

        Assert.Null(await fixture.Stack.InvokeSampleAsync("NoSuchFunction", CancellationToken.None));
    }
}
