using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.Tests.Functions.Fakes;

namespace WebSocketAspire.Tests.Functions.Runtime;

public sealed class RuntimeApiClientTests
{
    [Theory]
    [InlineData("127.0.0.1:9001", "http://127.0.0.1:9001/2018-06-01/runtime/invocation/next")]
    [InlineData("127.0.0.1:9001/ConnectFunction", "http://127.0.0.1:9001/ConnectFunction/2018-06-01/runtime/invocation/next")]
    [InlineData("127.0.0.1:9001/ConnectFunction/", "http://127.0.0.1:9001/ConnectFunction/2018-06-01/runtime/invocation/next")]
    public async Task Next_keeps_a_local_path_prefix(string runtimeApi, string expected)
    {
        var handler = new RecordingHttpHandler(_ => NextResponse("req-1"));
        using var http = new HttpClient(handler);

        await new RuntimeApiClient(http, runtimeApi).GetNextInvocationAsync(CancellationToken.None);

        Assert.Equal(expected, handler.Requests.Single().Message.RequestUri!.AbsoluteUri);
    }

    [Fact]
    public async Task Next_reads_the_runtime_headers_and_the_event()
    {
        using var http = new HttpClient(new RecordingHttpHandler(_ => NextResponse("req-1")));

        var invocation = await new RuntimeApiClient(http, "127.0.0.1:9001").GetNextInvocationAsync(CancellationToken.None);

        Assert.Equal("req-1", invocation.RequestId);
        Assert.Equal(1_700_000_000_000, invocation.DeadlineMs);
        Assert.Equal("arn:aws:lambda:us-east-1:123456789012:function:f", invocation.InvokedFunctionArn);
        Assert.Equal("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", invocation.TraceId);
        Assert.Equal("{\"a\":1}", Encoding.UTF8.GetString(invocation.Payload.Span));
    }

    [Fact]
    public async Task Next_fails_on_a_500()
    {
        using var http = new HttpClient(new RecordingHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.InternalServerError)));

        var error = await Assert.ThrowsAsync<RuntimeApiException>(() => new RuntimeApiClient(http, "127.0.0.1:9001").GetNextInvocationAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
    }

    [Fact]
    public async Task Errors_are_posted_in_the_lambda_error_format()
    {
        var handler = new RecordingHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.Accepted));
        using var http = new HttpClient(handler);

        await new RuntimeApiClient(http, "127.0.0.1:9001/F").PostErrorAsync("req-1", new RuntimeError("Unauthorized", "UnauthorizedException", ["at X"]), CancellationToken.None);

        var request = handler.Requests.Single();
        Assert.Equal("http://127.0.0.1:9001/F/2018-06-01/runtime/invocation/req-1/error", request.Message.RequestUri!.AbsoluteUri);
        Assert.Equal(RuntimeApiClient.ErrorContentType, request.Header("Content-Type"));
        Assert.Equal("UnauthorizedException", request.Header(RuntimeApiClient.ErrorTypeHeader));
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"errorMessage":"Unauthorized","errorType":"UnauthorizedException","stackTrace":["at X"]}"""),
            JsonNode.Parse(request.Body)));
    }

    [Fact]
    public async Task Responses_and_init_errors_go_to_their_paths()
    {
        var handler = new RecordingHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.Accepted));
        using var http = new HttpClient(handler);
        var client = new RuntimeApiClient(http, "127.0.0.1:9001");

        await client.PostResponseAsync("req-1", "{\"statusCode\":200}"u8.ToArray(), CancellationToken.None);
        await client.PostInitErrorAsync(new RuntimeError("bad", "Runtime.InitError", []), CancellationToken.None);

        Assert.Equal(
            ["http://127.0.0.1:9001/2018-06-01/runtime/invocation/req-1/response", "http://127.0.0.1:9001/2018-06-01/runtime/init/error"],
            handler.Requests.Select(r => r.Message.RequestUri!.AbsoluteUri));
        Assert.Equal("{\"statusCode\":200}", Encoding.UTF8.GetString(handler.Requests[0].Body));
    }

    private static HttpResponseMessage NextResponse(string requestId)
    {
        var response = new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"a\":1}") };
        response.Headers.Add("Lambda-Runtime-Aws-Request-Id", requestId);
        response.Headers.Add("Lambda-Runtime-Deadline-Ms", "1700000000000");
        response.Headers.Add("Lambda-Runtime-Invoked-Function-Arn", "arn:aws:lambda:us-east-1:123456789012:function:f");
        response.Headers.Add("Lambda-Runtime-Trace-Id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        return response;
    }
}
