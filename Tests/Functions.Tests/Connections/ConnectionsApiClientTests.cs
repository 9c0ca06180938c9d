using System.Net;
using System.Text;
using WebSocketAspire.Functions.Connections;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Tests.Functions.Fakes;

namespace WebSocketAspire.Tests.Functions.Connections;

public sealed class ConnectionsApiClientTests
{
    private const string AccessKeyId = "AKIDLOCAL";
    private const string Secret = "local-secret";
    private const string ConnectionId = "BFaT_fALIAMCKug=";
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);
    private static readonly Uri LocalEndpoint = new("http://127.0.0.1:3001/stage");

    [Fact]
    public async Task Post_sends_the_data_to_the_encoded_connection_path_signed_verifiably()
    {
        var handler = new RecordingHttpHandler();
        var client = Client(handler, Environment());

        await client.PostToConnectionAsync(LocalEndpoint, ConnectionId, "hi there"u8.ToArray(), CancellationToken.None);

        var request = handler.Requests.Single();
        Assert.Equal(HttpMethod.Post, request.Message.Method);
        Assert.Equal("/stage/@connections/BFaT_fALIAMCKug%3D", request.Message.RequestUri!.AbsolutePath);
        Assert.Equal("hi there", Encoding.UTF8.GetString(request.Body));
        Assert.Equal("127.0.0.1:3001", request.Header("Host"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDLOCAL/20261124/us-east-1/execute-api/aws4_request, SignedHeaders=host;x-amz-date, Signature=", request.Header("Authorization"), StringComparison.Ordinal);
        AssertVerifies(request, Verifier(sessionToken: null));
    }

    [Fact]
    public async Task Temporary_credentials_send_and_sign_the_session_token()
    {
        var handler = new RecordingHttpHandler();
        var environment = Environment(("AWS_SESSION_TOKEN", "session-token"));

        await Client(handler, environment).PostToConnectionAsync(LocalEndpoint, ConnectionId, "x"u8.ToArray(), CancellationToken.None);

        var request = handler.Requests.Single();
        Assert.Equal("session-token", request.Header("X-Amz-Security-Token"));
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", request.Header("Authorization"), StringComparison.Ordinal);
        AssertVerifies(request, Verifier(sessionToken: "session-token"));
    }

    [Fact]
    public async Task A_tampered_request_does_not_verify()
    {
        var handler = new RecordingHttpHandler();
        await Client(handler, Environment()).PostToConnectionAsync(LocalEndpoint, ConnectionId, "x"u8.ToArray(), CancellationToken.None);
        var request = handler.Requests.Single();

        var result = Verifier(null).Verify(ToSigV4(request) with { Body = "y"u8.ToArray() });

        Assert.Equal(SigV4Verifier.SignatureMismatchMessage, result.Message);
    }

    [Fact]
    public async Task An_aws_stage_endpoint_keeps_the_stage_in_the_path()
    {
        var handler = new RecordingHttpHandler();

        await Client(handler, Environment()).PostToConnectionAsync(
            new Uri("https://abc123defg.execute-api.us-east-1.amazonaws.com/prod"), ConnectionId, "x"u8.ToArray(), CancellationToken.None);

        Assert.Equal(
            "https://abc123defg.execute-api.us-east-1.amazonaws.com/prod/@connections/BFaT_fALIAMCKug%3D",
            handler.Requests.Single().Message.RequestUri!.AbsoluteUri);
        Assert.Equal("abc123defg.execute-api.us-east-1.amazonaws.com", handler.Requests.Single().Header("Host"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_410_is_a_gone_exception(bool withErrorTypeHeader)
    {
        var handler = new RecordingHttpHandler(_ => ErrorResponse(HttpStatusCode.Gone, withErrorTypeHeader ? "GoneException" : null));

        var error = await Assert.ThrowsAsync<GoneException>(
            () => Client(handler, Environment()).PostToConnectionAsync(LocalEndpoint, ConnectionId, "x"u8.ToArray(), CancellationToken.None));

        Assert.Equal(ConnectionId, error.ConnectionId);
    }

    [Fact]
    public async Task Other_errors_carry_status_and_error_type()
    {
        var handler = new RecordingHttpHandler(_ => ErrorResponse(HttpStatusCode.Forbidden, "ForbiddenException:http://internal.amazon.com/coral/"));

        var error = await Assert.ThrowsAsync<ConnectionsApiException>(
            () => Client(handler, Environment()).PostToConnectionAsync(LocalEndpoint, ConnectionId, "x"u8.ToArray(), CancellationToken.None));

        Assert.IsNotType<GoneException>(error);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("ForbiddenException", error.ErrorType);
        Assert.Contains("Forbidden", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_connection_reads_the_answer()
    {
        var handler = new RecordingHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StringContent("""{"connectedAt":"2026-11-24T00:59:00Z","identity":{"sourceIp":"127.0.0.1","userAgent":"wscat"},"lastActiveAt":"2026-11-24T01:00:00Z"}"""),
        });

        var info = await Client(handler, Environment()).GetConnectionAsync(LocalEndpoint, ConnectionId, CancellationToken.None);

        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 59, 0, TimeSpan.Zero), info.ConnectedAt);
        Assert.Equal("wscat", info.Identity!.UserAgent);
        Assert.Equal(HttpMethod.Get, handler.Requests.Single().Message.Method);
        AssertVerifies(handler.Requests.Single(), Verifier(null));
    }

    [Fact]
    public async Task Delete_connection_accepts_204()
    {
        var handler = new RecordingHttpHandler(_ => new HttpResponseMessage(HttpStatusCode.NoContent));

        await Client(handler, Environment()).DeleteConnectionAsync(LocalEndpoint, ConnectionId, CancellationToken.None);

        Assert.Equal(HttpMethod.Delete, handler.Requests.Single().Message.Method);
        AssertVerifies(handler.Requests.Single(), Verifier(null));
    }

    private static ConnectionsApiClient Client(RecordingHttpHandler handler, FakeEnvironmentVariables environment) =>
        new(new HttpClient(handler), environment, new FixedTimeProvider(Now));

    private static FakeEnvironmentVariables Environment(params (string, string)[] extra) =>
        new([("AWS_REGION", "us-east-1"), ("AWS_ACCESS_KEY_ID", AccessKeyId), ("AWS_SECRET_ACCESS_KEY", Secret), .. extra]);

    private static SigV4Verifier Verifier(string? sessionToken) =>
        new(key => key == AccessKeyId ? new SigV4Credential(Secret, sessionToken) : null, new FixedTimeProvider(Now));

    private static void AssertVerifies(RecordedRequest request, SigV4Verifier verifier)
    {
        var result = verifier.Verify(ToSigV4(request));
        Assert.True(result.IsValid, result.Message);
    }

    private static SigV4Request ToSigV4(RecordedRequest request)
    {
        var uri = request.Message.RequestUri!;
        var headers = request.Message.Headers.Concat(request.Message.Content?.Headers ?? Enumerable.Empty<KeyValuePair<string, IEnumerable<string>>>()).ToList();
        return new SigV4Request(request.Message.Method.Method, uri.AbsolutePath, uri.Query, headers, request.Body);
    }

    private static HttpResponseMessage ErrorResponse(HttpStatusCode status, string? errorType)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent("""{"message":"Forbidden"}""") };
        if (errorType is not null)
        {
            response.Headers.TryAddWithoutValidation(ConnectionsApiClient.ErrorTypeHeader, errorType);
        }
        return response;
    }
}
