using System.Diagnostics;
using WebSocketAspire.LoadTest.Support;

namespace WebSocketAspire.LoadTest.Targets;

/// <summary>
/// Our stack, started the README's way: <c>dotnet run --project AppHost</c> from the repository root,
/// with the Aspire dashboard receiving every part's telemetry (unless told otherwise), on the default
/// ports and a fresh data folder. Ready when the banner says so; stopped with Ctrl+C (SIGINT).
/// </summary>
internal sealed class LocalStackTarget : ITarget
{
    private readonly StartedProcess _process;
    private readonly string _data;

    private LocalStackTarget(StartedProcess process, string data, string name)
    {
        _process = process;
        _data = data;
        Name = name;
    }

    public string Name { get; }
    public Uri Url { get; } = new("ws://127.0.0.1:3001/stage");
    public Uri DynamoDbEndpoint { get; } = new("http://127.0.0.1:8000");
    public string TableName => "connection_table";
    public int RootProcessId => _process.Id;

    /// <summary>
    /// Starts it (<paramref name="dashboard"/> off adds <c>--no-dashboard</c>, <paramref name="nativeAot"/>
    /// <c>--native-aot</c>); returns it and how long <c>dotnet run</c> took until the banner.
    /// </summary>
    public static async Task<(LocalStackTarget Target, TimeSpan ToBanner)> StartAsync(string repositoryRoot, bool dashboard, bool nativeAot)
    {
        var data = Directory.CreateTempSubdirectory("wsa-load-").FullName;
        List<string> arguments = ["run", "--project", "AppHost", "--", "--data-dir", data];
        if (!dashboard)
        {
            arguments.Add("--no-dashboard");
        }
        if (nativeAot)
        {
            arguments.Add("--native-aot");
        }
        var name = $"WebSocketAspire ({(dashboard ? "dashboard on" : "--no-dashboard")}{(nativeAot ? ", --native-aot" : "")})";
        var started = Stopwatch.GetTimestamp();
        var process = StartedProcess.Start("dotnet", repositoryRoot, null, [.. arguments]);
        var target = new LocalStackTarget(process, data, name);
        try
        {
            await process.WaitForLineAsync(l => l.Contains("Press Ctrl+C to stop.", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
        }
        catch
        {
            await target.DisposeAsync();
            throw;
        }
        return (target, Stopwatch.GetElapsedTime(started));
    }

    public async ValueTask DisposeAsync()
    {
        // Ctrl+C as a terminal delivers it: to the AppHost that `dotnet run` started.
        var appHost = ProcessTree.Children(_process.Id, "AppHost");
        await _process.StopAsync("INT", TimeSpan.FromMinutes(2), appHost.Count > 0 ? appHost[0] : null);
        await _process.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
