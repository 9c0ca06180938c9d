using System.Diagnostics;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>A crashed function never takes the gateway down; every message is one trace across gateway, function and @connections.</summary>
[Collection(StackCollection.Name)]
public sealed class ResilienceTests(StackFixture fixture)
{
    private const string SamplePayload = """{"action":"sendmessage","message":"hey queen"}""";

    [SkippableFact]
    public async Task A_killed_function_process_is_restarted_and_the_open_connection_keeps_working()
    {
        await fixture.StartAsync();
        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var function = fixture.Stack.Functions.Single(f => f.Name == "SendMessageFunction");
        var starts = function.Starts;

        using (var process = Process.GetProcessById(function.ProcessId!.Value))
        {
            process.Kill(entireProcessTree: true);
        }
        await Eventually.TrueAsync(() => Task.FromResult(function.Starts > starts), "the supervisor restarted SendMessageFunction");

        await client.SendAsync(SamplePayload);
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());
        await client.CloseAsync();
    }

    [SkippableFact]
    public async Task A_killed_store_is_started_again_with_its_data_and_says_so()
    {
        await fixture.StartAsync();
        await using var before = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var kept = await before.LearnConnectionIdAsync();
        var dynalite = fixture.Stack.Dynalite!;
        var restarts = dynalite.Restarts;

        using (var process = Process.GetProcessById(dynalite.ProcessId))
        {
            process.Kill(entireProcessTree: true); // kill -9
        }
        await Eventually.TrueAsync(() => Task.FromResult(dynalite.Restarts > restarts), "dynalite was started again");

        Assert.Contains("dynalite exited with code", fixture.Log, StringComparison.Ordinal);
        Assert.True(await fixture.HasConnectionRowAsync(kept), "the row written before the crash survived it");
        await using var after = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        Assert.True(await fixture.HasConnectionRowAsync(await after.LearnConnectionIdAsync()), "a new handshake writes its row again");
    }

    [SkippableFact]
    public async Task The_gateway_message_span_and_the_functions_connections_call_share_one_trace()
    {
        await fixture.StartAsync();
        var spans = new System.Collections.Concurrent.ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "WebSocketAspire.Gateway",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var connectionId = await client.LearnConnectionIdAsync();
        await client.SendAsync(SamplePayload);
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        bool Found(out Activity? message, out Activity? post)
        {
            var mine = spans.Where(s => (string?)s.GetTagItem("apigw.connection_id") == connectionId).ToList();
            message = mine.FirstOrDefault(s => s.OperationName == "sendmessage");
            post = mine.FirstOrDefault(s => s.OperationName == "@connections POST");
            return message is not null && post is not null;
        }
        await Eventually.TrueAsync(() => Task.FromResult(Found(out _, out _)), "both spans were recorded");
        Found(out var message, out var post);
        Assert.Equal(message!.TraceId, post!.TraceId);
        Assert.NotEqual(message.SpanId, post.ParentSpanId); // the function's own span sits between them
        Assert.Equal(default, message.ParentSpanId); // each message is a trace of its own, not part of the connection's HTTP request
        await client.CloseAsync();
    }
}
