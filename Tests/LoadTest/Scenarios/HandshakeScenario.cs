using System.Diagnostics;
using System.Globalization;
using WebSocketAspire.LoadTest.Support;
using WebSocketAspire.LoadTest.Targets;

namespace WebSocketAspire.LoadTest.Scenarios;

/// <summary>
/// <c>clients</c> handshakes released at the same moment (authorizer, $connect and its row each), then
/// every row counted; then all close at once and the rows must all go.
/// </summary>
internal static class HandshakeScenario
{
    public static async Task<ScenarioResult> RunAsync(ITarget target, int clients)
    {
        using var rows = new ConnectionRows(target.DynamoDbEndpoint, target.TableName);
        var before = await rows.CountAsync();
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var latencies = new Latencies();
        var refused = 0;
        var attempts = Enumerable.Range(0, clients).Select(async _ =>
        {
            await go.Task;
            var started = Stopwatch.GetTimestamp();
            try
            {
                var client = await Client.ConnectAsync(target.Url, CancellationToken.None);
                latencies.Add(started);
                return client;
            }
            catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException)
            {
                Interlocked.Increment(ref refused);
                return null;
            }
        }).ToList();
        var start = Stopwatch.GetTimestamp();
        go.SetResult();
        var connected = (await Task.WhenAll(attempts)).OfType<Client>().ToList();
        var wall = Stopwatch.GetElapsedTime(start);
        var stored = await rows.WaitForAsync(before + connected.Count, TimeSpan.FromMinutes(1)) - before;

        await Task.WhenAll(connected.Select(c => c.DisposeAsync().AsTask()));
        var left = await rows.WaitForAsync(before, TimeSpan.FromMinutes(3)) - before;
        var rate = connected.Count / wall.TotalSeconds;
        return new ScenarioResult($"{clients} handshakes at once", target.Name, rate.ToString("0", CultureInfo.InvariantCulture) + " connects/s",
            latencies.Percentile(50), latencies.Percentile(99),
            $"{refused} refused; {stored} rows while open, {left} left after close; {wall.TotalSeconds:0.0} s");
    }
}
