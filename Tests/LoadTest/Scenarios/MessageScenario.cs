using System.Diagnostics;
using System.Globalization;
using WebSocketAspire.LoadTest.Support;
using WebSocketAspire.LoadTest.Targets;

namespace WebSocketAspire.LoadTest.Scenarios;

/// <summary>
/// <c>connections</c> clients, each sending <c>messages</c> messages one after another (send, wait for
/// the reply) through the whole path: route selection, mapping template, the SendMessage function,
/// its @connections reply. Warm-up round trips are not counted.
/// </summary>
internal static class MessageScenario
{
    /// <summary>Round trips per client before the clock starts: enough for the JIT to tier up the whole path.</summary>
    private const int WarmUp = 20;

    public static async Task<ScenarioResult> RunAsync(ITarget target, int connections, int messages)
    {
        var clients = await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Client.ConnectAsync(target.Url, CancellationToken.None)));
        try
        {
            // One client at a time first, so instances start gradually (50 cold starts at once can push
            // serverless-offline's workers past their timeout), then all together.
            foreach (var client in clients)
            {
                await client.RoundTripAsync(CancellationToken.None);
            }
            await Task.WhenAll(clients.Select(async c =>
            {
                for (var i = 1; i < WarmUp; i++)
                {
                    await c.RoundTripAsync(CancellationToken.None);
                }
            }));
            var latencies = new Latencies();
            var failures = 0;
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(clients.Select(async c =>
            {
                for (var i = 0; i < messages; i++)
                {
                    var sent = Stopwatch.GetTimestamp();
                    if (await c.RoundTripAsync(CancellationToken.None))
                    {
                        latencies.Add(sent);
                    }
                    else
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            }));
            var wall = Stopwatch.GetElapsedTime(started);
            var rate = latencies.Count / wall.TotalSeconds;
            return new ScenarioResult($"{connections} × {messages} messages", target.Name,
                rate.ToString("0", CultureInfo.InvariantCulture) + " msgs/s", latencies.Percentile(50), latencies.Percentile(99),
                $"{failures} without the reply; {wall.TotalSeconds:0.0} s; RSS {ScenarioResult.Megabytes(ProcessTree.ResidentBytes(target.RootProcessId))}");
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }
}
