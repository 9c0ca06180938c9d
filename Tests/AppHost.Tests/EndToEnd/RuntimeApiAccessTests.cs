using System.Net;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>Only the instances the stack started can take or answer invocations on its Lambda Runtime API.</summary>
[Collection(StackCollection.Name)]
public sealed class RuntimeApiAccessTests(StackFixture fixture)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(30) };

    [SkippableTheory]
    [InlineData("GET", "AuthorizerFunction.666/2018-06-01/runtime/invocation/next")]
    [InlineData("GET", "AuthorizerFunction.1/2018-06-01/runtime/invocation/next")]
    [InlineData("GET", "AuthorizerFunction/2018-06-01/runtime/invocation/next")]
    [InlineData("GET", "AuthorizerFunction.1.0123456789abcdef0123456789abcdef/2018-06-01/runtime/invocation/next")]
    [InlineData("POST", "AuthorizerFunction.1/2018-06-01/runtime/invocation/some-request/response")]
    [InlineData("POST", "AuthorizerFunction.1/2018-06-01/runtime/invocation/some-request/error")]
    [InlineData("POST", "AuthorizerFunction.1/2018-06-01/runtime/init/error")]
    public async Task A_process_the_stack_did_not_start_is_refused_at_once(string method, string path)
    {
        await fixture.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), $"http://127.0.0.1:{fixture.Stack.LambdaPort}/{path}");
        if (method == "POST")
        {
            request.Content = new StringContent("""{"principalId":"x","policyDocument":{"Version":"2012-10-17","Statement":[{"Action":"execute-api:Invoke","Effect":"Allow","Resource":"*"}]}}""");
        }
        using var response = await Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);

        // And the stack still works for its own instances.
        Assert.Equal(HttpStatusCode.Unauthorized, await Support.TestClient.RefusedStatusAsync(fixture.Url, new Dictionary<string, string> { ["token"] = "nope" }));
    }
}
