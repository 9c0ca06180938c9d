namespace WebSocketAspire.LoadTest.Targets;

/// <summary>
/// serverless-offline 13 running the same pattern (authorizer on $connect, connect/disconnect rows in
/// dynalite, a sendmessage function that answers through @connections), set up by its own
/// <c>run.mjs</c> (which installs it with npm ci on first use). Ready when it prints <c>READY</c>.
/// </summary>
internal sealed class ServerlessOfflineTarget : ITarget
{
    private const int WebSocketPort = 3101;
    private const int DynamoDbPort = 8101;
    private readonly StartedProcess _process;
    private readonly string _data;

    private ServerlessOfflineTarget(StartedProcess process, string data, Uri url)
    {
        _process = process;
        _data = data;
        Url = url;
    }

    public string Name => "serverless-offline 13";
    public Uri Url { get; }
    public Uri DynamoDbEndpoint { get; } = new($"http://127.0.0.1:{DynamoDbPort}");
    public string TableName => "connection_table";
    public int RootProcessId => _process.Id;

    public static async Task<ServerlessOfflineTarget> StartAsync(string repositoryRoot)
    {
        var folder = Path.Combine(repositoryRoot, "Tests", "LoadTest", "serverless-offline");
        var data = Directory.CreateTempSubdirectory("wsa-load-sls-").FullName;
        var process = StartedProcess.Start("node", folder, null, "run.mjs",
            "--websocket-port", WebSocketPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--dynamodb-port", DynamoDbPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--data", data);
        try
        {
            var ready = await process.WaitForLineAsync(l => l.StartsWith("READY ", StringComparison.Ordinal), TimeSpan.FromMinutes(5));
            return new ServerlessOfflineTarget(process, data, new Uri(ready["READY ".Length..].Trim()));
        }
        catch
        {
            await process.DisposeAsync();
            Directory.Delete(data, recursive: true);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _process.StopAsync("TERM", TimeSpan.FromMinutes(1));
        await _process.DisposeAsync();
        Directory.Delete(_data, recursive: true);
    }
}
