using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>
/// Mixed good and bad traffic at once, with a function killed midway, bounded in count and time:
/// nothing is lost. Every good handshake is accepted and every bad one refused, every message gets
/// its reply or API Gateway's error frame, and the table's rows are exactly the open connections.
/// </summary>
[Collection(StackCollection.Name)]
public sealed class SoakTests(StackFixture fixture)
{
    private const int Clients = 120;
    private const int MessagesEach = 4;
    private const int BadHandshakes = 40;
    private const int AbandonedHandshakes = 20;

    [SkippableFact]
    public async Task A_burst_of_mixed_traffic_with_a_fault_loses_nothing()
    {
        await fixture.StartAsync();
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        // A burst: good handshakes, refused ones, and clients that leave in the middle of theirs.
        var good = Enumerable.Range(0, Clients).Select(_ => TestClient.ConnectAsync(fixture.Url, StackFixture.Hello)).ToList();
        var bad = Enumerable.Range(0, BadHandshakes).Select(i => TestClient.RefusedStatusAsync(fixture.Url,
            i % 2 == 0 ? null : new Dictionary<string, string> { ["token"] = "nope" })).ToList();
        var abandoned = Enumerable.Range(0, AbandonedHandshakes).Select(_ => AbandonHandshakeAsync(budget.Token)).ToList();
        await Task.WhenAll(abandoned);
        Assert.All(await Task.WhenAll(bad), status => Assert.Equal(HttpStatusCode.Unauthorized, status));
        var clients = await Task.WhenAll(good); // throws if any good handshake was refused
        try
        {
            // Traffic, with SendMessageFunction's instance killed while it flows.
            var function = fixture.Stack.Functions.Single(f => f.Name == "SendMessageFunction");
            var traffic = clients.Select((client, i) => TalkAsync(client, i, budget.Token)).ToList();
            if (function.ProcessId is { } pid)
            {
                using var process = Process.GetProcessById(pid);
                process.Kill(entireProcessTree: true);
            }
            var outcomes = (await Task.WhenAll(traffic)).SelectMany(o => o).ToList();
            Assert.Equal(Clients * MessagesEach, outcomes.Count);
            Assert.All(outcomes, o => Assert.True(o is "reply" or "forbidden" or "internal-error", o));
            Assert.Equal(Clients * MessagesEach / 2, outcomes.Count(o => o == "forbidden"));

            // Rows are exactly the open connections: the abandoned handshakes left none behind.
            await Eventually.TrueAsync(async () => await fixture.ConnectionRowCountAsync() == Clients, $"the table holds {Clients} rows", TimeSpan.FromSeconds(30));
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
        await Eventually.TrueAsync(async () => await fixture.ConnectionRowCountAsync() == 0, "every closed connection's row is gone", TimeSpan.FromSeconds(30));
    }

    /// <summary>Half the messages route to sendmessage (a reply, or an error frame while the function recovers), half to nowhere (Forbidden).</summary>
    private static async Task<List<string>> TalkAsync(TestClient client, int index, CancellationToken cancellationToken)
    {
        var outcomes = new List<string>();
        for (var m = 0; m < MessagesEach; m++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var routed = m % 2 == 0;
            await client.SendAsync(routed
                ? JsonSerializer.Serialize(new Dictionary<string, string> { ["action"] = "sendmessage", ["message"] = $"client {index} message {m}" })
                : """{"action":"nowhere"}""");
            var frame = await client.ReceiveAsync(TimeSpan.FromSeconds(45));
            outcomes.Add(frame == StackFixture.Reply ? "reply"
                : frame.Contains("\"message\": \"Forbidden\"", StringComparison.Ordinal) ? "forbidden"
                : frame.Contains("\"message\": \"Internal server error\"", StringComparison.Ordinal) ? "internal-error"
                : "unexpected: " + frame);
        }
        return outcomes;
    }

    /// <summary>Sends a valid upgrade request and hangs up before the answer.</summary>
    private async Task AbandonHandshakeAsync(CancellationToken cancellationToken)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Url.Host, fixture.Url.Port, cancellationToken);
        await tcp.GetStream().WriteAsync(RawWebSocket.UpgradeRequest(fixture.Url), cancellationToken);
        tcp.Client.LingerState = new LingerOption(true, 0); // a reset, not a polite close
    }
}
