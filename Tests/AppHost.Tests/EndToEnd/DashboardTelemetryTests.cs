using System.Net.Http.Json;
using System.Text.Json;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The running stack's telemetry reaches its dashboard over OTLP: one trace per message across gateway and function.</summary>
[Collection(StackCollection.Name)]
public sealed class DashboardTelemetryTests(StackFixture fixture)
{
    [SkippableFact]
    public async Task A_message_shows_in_the_dashboard_as_one_trace_from_gateway_through_function_to_connections()
    {
        await fixture.StartAsync();
        await using var client = await TestClient.ConnectAsync(fixture.Url, StackFixture.Hello);
        var connectionId = await client.LearnConnectionIdAsync();
        await client.SendAsync("""{"action":"sendmessage","message":"hey queen"}""");
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        using var http = new HttpClient { BaseAddress = fixture.Stack.DashboardUrl };
        JsonElement[] spans = [];
        await Eventually.TrueAsync(async () =>
        {
            var traces = await http.GetFromJsonAsync<JsonElement>("api/traces?service=SendMessageFunction");
            foreach (var trace in traces.EnumerateArray())
            {
                var detail = await http.GetFromJsonAsync<JsonElement>($"api/traces/{trace.GetProperty("traceId").GetString()}");
                var candidate = detail.GetProperty("spans").EnumerateArray().ToArray();
                // The function flushes per invocation, the gateway in batches: wait until both halves are in.
                if (candidate.Any(s => Attribute(s, "apigw.connection_id") == connectionId && IsRoot(s) && s.GetProperty("service").GetString() == "gateway")
                    && candidate.Any(s => s.GetProperty("name").GetString() == "@connections POST")
                    && candidate.Any(s => s.GetProperty("service").GetString() == "SendMessageFunction"))
                {
                    spans = candidate;
                    return true;
                }
            }
            return false;
        }, "the message's trace, with the @connections call, reached the dashboard", TimeSpan.FromSeconds(30));

        var root = spans.Single(IsRoot);
        Assert.Equal("gateway", root.GetProperty("service").GetString());
        var invoke = spans.Single(s => s.GetProperty("name").GetString()!.StartsWith("invoke ", StringComparison.Ordinal));
        var function = spans.Single(s => s.GetProperty("service").GetString() == "SendMessageFunction" && s.GetProperty("name").GetString() == "sendmessage");
        Assert.Equal(invoke.GetProperty("spanId").GetString(), function.GetProperty("parentSpanId").GetString());
        await client.CloseAsync();
    }

    private static bool IsRoot(JsonElement span) => span.GetProperty("parentSpanId").ValueKind == JsonValueKind.Null;

    private static string? Attribute(JsonElement span, string key) =>
        span.GetProperty("attributes").EnumerateArray()
            .Where(a => a.GetProperty("key").GetString() == key)
            .Select(a => a.GetProperty("value").GetString())
            .FirstOrDefault();
}
