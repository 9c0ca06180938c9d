using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using WebSocketAspire.LoadTest;
using WebSocketAspire.LoadTest.Floor;
using WebSocketAspire.LoadTest.Scenarios;
using WebSocketAspire.LoadTest.Support;
using WebSocketAspire.LoadTest.Targets;

// dotnet run -c Release --project Tests/LoadTest -- [--targets ours,native-aot,no-dashboard,serverless-offline,floor,echo]
//     [--scenarios startup,messages,handshakes,idle] [--connections 50] [--messages 200] [--handshakes 1000] [--idle 10000]
// The floor's own processes (see FloorTarget): this program started again by itself.
switch (args)
{
    case [FloorTarget.Verb, var functions]:
        return await FloorGateway.RunAsync(int.Parse(functions, CultureInfo.InvariantCulture));
    case [FloorFunction.Verb]:
        return await FloorFunction.RunAsync();
}

LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(LoadOptions.Usage);
    return 2;
}
var root = typeof(LoadOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
var results = new List<ScenarioResult>();
Console.WriteLine($"Load test on {Environment.ProcessorCount} cores, {RuntimeInformationText()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

foreach (var name in options.Targets)
{
    Console.WriteLine($"\n== {name}");
    ITarget target;
    if (name is "floor" or "echo")
    {
        target = await FloorTarget.StartAsync(functions: name == "floor" ? options.FloorFunctions : 0);
    }
    else if (name == "serverless-offline")
    {
        var started = Stopwatch.GetTimestamp();
        target = await ServerlessOfflineTarget.StartAsync(root);
        Console.WriteLine($"   ready in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
    }
    else
    {
        var (local, toBanner) = await LocalStackTarget.StartAsync(root, dashboard: name != "no-dashboard", nativeAot: name == "native-aot");
        target = local;
        if (options.Scenarios.Contains("startup"))
        {
            // The README's first exchange right after the banner: the first reply ends start-up.
            var replied = Stopwatch.GetTimestamp();
            await using (var client = await Client.ConnectAsync(target.Url, CancellationToken.None))
            {
                await client.RoundTripAsync(CancellationToken.None);
            }
            var total = toBanner + Stopwatch.GetElapsedTime(replied);
            results.Add(new ScenarioResult("`dotnet run --project AppHost` to the first reply", target.Name,
                total.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s", double.NaN, double.NaN,
                $"banner after {toBanner.TotalSeconds:0.0} s; idle RSS {ScenarioResult.Megabytes(ProcessTree.ResidentBytes(target.RootProcessId))}"));
            Console.WriteLine(results[^1].ToMarkdown());
        }
    }
    await using (target)
    {
        if (options.Scenarios.Any(s => s != "startup"))
        {
            var settled = await MachineQuiet.WaitAsync(TimeSpan.FromSeconds(60));
            Console.WriteLine($"   settled after {settled.TotalSeconds:0.0} s");
        }
        if (options.Scenarios.Contains("messages"))
        {
            await RunMeasuredAsync(target, () => MessageScenario.RunAsync(target, options.Connections, options.Messages), options.Connections * options.Messages, "message");
        }
        if (target is FloorTarget)
        {
            continue;
        }
        if (options.Scenarios.Contains("handshakes"))
        {
            await RunMeasuredAsync(target, () => HandshakeScenario.RunAsync(target, options.Handshakes), options.Handshakes, "handshake, with its close");
        }
        if (options.Scenarios.Contains("idle"))
        {
            results.Add(await IdleScenario.RunAsync(target, options.Idle, probes: 1000));
            Console.WriteLine(results[^1].ToMarkdown());
        }
    }
}

Console.WriteLine();
Console.WriteLine(ScenarioResult.Header);
foreach (var result in results)
{
    Console.WriteLine(result.ToMarkdown());
}
return 0;

// Runs a scenario and prints its row, then the CPU and thread switches each of its units cost, by process.
async Task RunMeasuredAsync(ITarget target, Func<Task<ScenarioResult>> scenario, int units, string unit)
{
    var cpu = CpuUse.Snapshot(target.RootProcessId);
    results.Add(await scenario());
    Console.WriteLine(results[^1].ToMarkdown());
    Console.WriteLine(cpu.PerUnit(CpuUse.Snapshot(target.RootProcessId), units, unit));
}

static string RuntimeInformationText() => System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
