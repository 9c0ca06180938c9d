using System.Text;

namespace WebSocketAspire.LoadTest.Floor;

/// <summary>
/// A function process of the floor: the Lambda custom-runtime loop (<c>/next</c>, the reply through
/// <c>@connections</c>, <c>/response</c>) over one pooled HTTP/1.1 connection, as our functions run it,
/// with nothing in between.
/// </summary>
internal static class FloorFunction
{
    public const string Verb = "floor-function";
    public static readonly byte[] Reply = Encoding.UTF8.GetBytes(Support.Client.Reply);
    private static readonly byte[] Result = """{"statusCode":200}"""u8.ToArray();

    public static async Task<int> RunAsync()
    {
        var api = Environment.GetEnvironmentVariable("AWS_LAMBDA_RUNTIME_API") ?? throw new InvalidOperationException("AWS_LAMBDA_RUNTIME_API is not set.");
        using var http = new HttpClient(new SocketsHttpHandler { PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan }) { Timeout = Timeout.InfiniteTimeSpan };
        var next = new Uri($"http://{api}/2018-06-01/runtime/invocation/next");
        try
        {
            while (true)
            {
                string requestId, connection;
                using (var invocation = await http.GetAsync(next))
                {
                    requestId = invocation.Headers.GetValues("Lambda-Runtime-Aws-Request-Id").Single();
                    connection = invocation.Headers.GetValues(FloorGateway.ConnectionHeader).Single();
                    await invocation.Content.ReadAsByteArrayAsync();
                }
                using (var posted = await http.PostAsync(new Uri($"http://{api}/stage/@connections/{connection}"), new ByteArrayContent(Reply)))
                {
                    posted.EnsureSuccessStatusCode();
                }
                using (var answered = await http.PostAsync(new Uri($"http://{api}/2018-06-01/runtime/invocation/{requestId}/response"), new ByteArrayContent(Result)))
                {
                    answered.EnsureSuccessStatusCode();
                }
            }
        }
        catch (HttpRequestException)
        {
            // The gateway stopped.
            return 0;
        }
    }
}
