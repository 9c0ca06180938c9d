using System.Diagnostics;
using System.Globalization;
using WebSocketAspire.LoadTest.Support;
using WebSocketAspire.LoadTest.Targets;

namespace WebSocketAspire.LoadTest.Scenarios;

/// <summary>
/// <c>connections</c> idle clients held open (opened 100 at a time), the whole stack's resident
/// memory with them, and then a message on a random one at a time: the latency of a quiet stack
/// with many connections.
/// </summary>
internal static class IdleScenario
{
    private const int OpenAtOnce = 100;

    public static async Task<ScenarioResult> RunAsync(ITarget target, int connections, int probes)
    {
        var clients = new List<Client>(connections);
        var refused = 0;
        var opening = Stopwatch.GetTimestamp();
        try
        {
            for (var opened = 0; opened < connections; opened += OpenAtOnce)
            {
                var batch = await Task.WhenAll(Enumerable.Range(0, Math.Min(OpenAtOnce, connections - opened)).Select(async _ =>
                {
                    try
                    {
                        return await Client.ConnectAsync(target.Url, CancellationToken.None);
                    }
                    catch (Exception e) when (e is System.Net.WebSockets.WebSocketException or HttpRequestException)
                    {
                        Interlocked.Increment(ref refused);
                        return null;
                    }
                }));
                clients.AddRange(batch.OfType<Client>());
            }
            var openTime = Stopwatch.GetElapsedTime(opening);
            var processes = ProcessTree.ResidentByProcess(target.RootProcessId);
            var resident = processes.Sum(p => p.Bytes);
            var proportional = processes.Sum(p => p.Proportional);
            Console.WriteLine("         RSS        PSS      pid  process");
            foreach (var (pid, command, bytes, share) in processes.Where(p => p.Bytes >= 20 << 20))
            {
                Console.WriteLine($"   {ScenarioResult.Megabytes(bytes),9}  {ScenarioResult.Megabytes(share),9}  {pid,7}  {command}");
            }

            var latencies = new Latencies();
            var failures = 0;
            for (var i = 0; i < probes; i++)
            {
                var client = clients[Random.Shared.Next(clients.Count)];
                var sent = Stopwatch.GetTimestamp();
                if (await client.RoundTripAsync(CancellationToken.None))
                {
                    latencies.Add(sent);
                }
                else
                {
                    failures++;
                }
            }
            return new ScenarioResult($"{connections} idle connections, {probes} messages on random ones", target.Name,
                (clients.Count / openTime.TotalSeconds).ToString("0", CultureInfo.InvariantCulture) + " connects/s while opening",
                latencies.Percentile(50), latencies.Percentile(99),
                $"{clients.Count} open, {refused} refused, {failures} without the reply; RSS {ScenarioResult.Megabytes(resident)} (PSS {ScenarioResult.Megabytes(proportional)})");
        }
        finally
        {
            for (var closed = 0; closed < clients.Count; closed += OpenAtOnce)
            {
                await Task.WhenAll(clients.Skip(closed).Take(OpenAtOnce).Select(c => c.DisposeAsync().AsTask()));
            }
        }
    }
}
