using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The @connections API over HTTP on the gateway's port, SigV4-checked against the stack's per-run credentials.</summary>
[Collection(StackCollection.Name)]
public sealed class ConnectionsApiTests(StackFixture fixture)
{
    private static readonly HttpClient Http = new();

    [SkippableFact]
    public async Task Signed_calls_post_get_and_delete_and_a_deleted_connection_is_gone()
    {
        await fixture.StartAsync();
        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var connectionId = await client.LearnConnectionIdAsync();

        using (var post = await SendAsync(HttpMethod.Post, connectionId, "pushed by the server"))
        {
            Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        }
        Assert.Equal("pushed by the server", await client.ReceiveAsync());

        using (var get = await SendAsync(HttpMethod.Get, connectionId))
        {
            Assert.Equal(HttpStatusCode.OK, get.StatusCode);
            using var info = JsonDocument.Parse(await get.Content.ReadAsStringAsync());
            Assert.Equal("127.0.0.1", info.RootElement.GetProperty("identity").GetProperty("sourceIp").GetString());
            Assert.EndsWith("Z", info.RootElement.GetProperty("connectedAt").GetString(), StringComparison.Ordinal);
            Assert.EndsWith("Z", info.RootElement.GetProperty("lastActiveAt").GetString(), StringComparison.Ordinal);
        }

        using (var delete = await SendAsync(HttpMethod.Delete, connectionId))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }
        await Assert.ThrowsAsync<WebSocketException>(() => client.ReceiveAsync());
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        await Eventually.TrueAsync(async () => !await fixture.HasConnectionRowAsync(connectionId), "$disconnect removed the row");

        using var gone = await SendAsync(HttpMethod.Post, connectionId, "too late");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Equal("GoneException", gone.Headers.GetValues("x-amzn-ErrorType").Single());
    }

    [SkippableFact]
    public async Task Unsigned_or_wrongly_signed_calls_are_refused_with_403()
    {
        await fixture.StartAsync();
        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var connectionId = await client.LearnConnectionIdAsync();

        using (var unsigned = await Http.PostAsync(Target(connectionId), new StringContent("nope")))
        {
            Assert.Equal(HttpStatusCode.Forbidden, unsigned.StatusCode);
        }
        using (var wrongSecret = await SendAsync(HttpMethod.Post, connectionId, "nope", secret: "not-the-secret"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, wrongSecret.StatusCode);
            Assert.Contains("signature", await wrongSecret.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        // Signed right, but for another region than the stack's: AWS refuses the credential scope.
        using (var otherRegion = await SendAsync(HttpMethod.Post, connectionId, "nope", region: "eu-west-1"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, otherRegion.StatusCode);
            Assert.Contains("region", await otherRegion.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        }

        // Nothing reached the client: the next frame is its own answer to a new message.
        Assert.Equal(connectionId, await client.LearnConnectionIdAsync());
        await client.CloseAsync();
    }

    [SkippableFact]
    public async Task An_unsigned_request_is_refused_from_its_headers_before_its_body_is_read()
    {
        await fixture.StartAsync();
        var target = Target("AAAAAAAAAAAAAAA=");
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(target.Host, target.Port);
        var stream = tcp.GetStream();
        // 28 MB announced, not one byte of it sent: the answer must not wait for it.
        var head = $"POST {target.AbsolutePath} HTTP/1.1\r\nHost: {target.Authority}\r\nContent-Length: 28000000\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        var buffer = new byte[512];
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var read = await stream.ReadAsync(buffer, deadline.Token);
        Assert.StartsWith("HTTP/1.1 403", Encoding.ASCII.GetString(buffer, 0, read), StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_signed_post_over_128_kb_gets_413_whether_or_not_it_says_its_length(bool withLength)
    {
        await fixture.StartAsync();
        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var connectionId = await client.LearnConnectionIdAsync();
        using var response = await SendAsync(HttpMethod.Post, connectionId, new string('x', 200 * 1024), chunked: !withLength);
        Assert.Equal((HttpStatusCode)413, response.StatusCode);
        Assert.Equal("PayloadTooLargeException", response.Headers.GetValues("x-amzn-ErrorType").Single());
        await client.CloseAsync();
    }

    [SkippableFact]
    public async Task A_client_that_stops_reading_gets_429_instead_of_stalling_the_caller_and_others_are_unaffected()
    {
        await fixture.StartAsync();
        // A client that completes the handshake, learns its id, then never reads again.
        using var stuck = new System.Net.Sockets.TcpClient { ReceiveBufferSize = 4096 };
        await stuck.ConnectAsync(fixture.Url.Host, fixture.Url.Port);
        var stream = stuck.GetStream();
        await stream.WriteAsync(RawWebSocket.UpgradeRequest(fixture.Url));
        var stuckId = await RawWebSocket.LearnConnectionIdAsync(stream);

        // Post until its buffers are full: the gateway answers 429 within its send deadline instead of hanging.
        var big = new string('x', 100 * 1024);
        HttpStatusCode status = HttpStatusCode.OK;
        for (var i = 0; i < 500 && status == HttpStatusCode.OK; i++)
        {
            using var response = await SendAsync(HttpMethod.Post, stuckId, big);
            status = response.StatusCode;
        }
        Assert.Equal((HttpStatusCode)429, status);

        // Another client is not held up by it.
        await using var healthy = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        await healthy.SendAsync("""{"action":"sendmessage","message":"still here"}""");
        Assert.Equal(StackFixture.Reply, await healthy.ReceiveAsync(TimeSpan.FromSeconds(30)));

        // Deleting the stuck connection still ends it and runs its $disconnect.
        using (var deleted = await SendAsync(HttpMethod.Delete, stuckId))
        {
            Assert.True(deleted.IsSuccessStatusCode || deleted.StatusCode == HttpStatusCode.Gone, deleted.StatusCode.ToString());
        }
        await Eventually.TrueAsync(async () => !await fixture.HasConnectionRowAsync(stuckId), "the stuck connection's $disconnect removed its row");
    }

    private Uri Target(string connectionId) =>
        new($"{fixture.Stack.ConnectionsEndpoint}/@connections/{Uri.EscapeDataString(connectionId)}");

    /// <summary>Signs like any AWS SDK does: host, x-amz-date, the payload hash, over the path as sent (id encoded, %3D).</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string connectionId, string? body = null, string? secret = null, string? region = null, bool chunked = false)
    {
        var credentials = fixture.Stack.Credentials;
        var target = Target(connectionId);
        var bytes = Encoding.UTF8.GetBytes(body ?? "");
        var now = DateTimeOffset.UtcNow;
        var amzDate = SigV4.FormatAmzDate(now);
        var authorization = SigV4.Authorize(
            method.Method,
            target.AbsolutePath,
            target.Query,
            [new("host", [target.Authority]), new("x-amz-date", [amzDate])],
            SigV4.HexSha256(bytes),
            credentials.AccessKeyId,
            secret ?? credentials.SecretAccessKey,
            SigV4Scope.For(now, region ?? fixture.Stack.Stack.Environment.Region, "execute-api"),
            amzDate);
        using var request = new HttpRequestMessage(method, target);
        request.Headers.Add("X-Amz-Date", amzDate);
        request.Headers.TryAddWithoutValidation("Authorization", authorization.Format());
        if (body is not null)
        {
            // A stream of unknown length goes out chunked, with no Content-Length.
            request.Content = chunked ? new StreamContent(new NonSeekableStream(bytes)) : new ByteArrayContent(bytes);
        }
        return await Http.SendAsync(request);
    }

    /// <summary>A stream whose length HttpClient cannot know.</summary>
    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;
    }
}
