using WebSocketAspire.LoadTest.Floor;

namespace WebSocketAspire.LoadTest.Targets;

/// <summary>
/// The floor (<see cref="FloorGateway"/>) in its own process with its function processes, or with none
/// (the bare WebSocket echo). It has no authorizer or table: only the message scenario runs against it.
/// </summary>
internal sealed class FloorTarget : ITarget
{
    public const string Verb = "floor-gateway";
    private readonly StartedProcess _process;

    private FloorTarget(StartedProcess process, Uri url, int functions)
    {
        _process = process;
        Url = url;
        Name = functions == 0 ? "floor: bare WebSocket echo" : $"floor: {functions} function process(es), Runtime API and @connections only";
    }

    public string Name { get; }
    public Uri Url { get; }
    public Uri DynamoDbEndpoint => throw new NotSupportedException("The floor has no table.");
    public string TableName => throw new NotSupportedException("The floor has no table.");
    public int RootProcessId => _process.Id;

    public static async Task<FloorTarget> StartAsync(int functions)
    {
        var (fileName, arguments) = SelfCommand.With(Verb, functions.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = StartedProcess.Start(fileName, Environment.CurrentDirectory, null, [.. arguments]);
        try
        {
            var line = await process.WaitForLineAsync(l => l.StartsWith(FloorGateway.ReadyLine, StringComparison.Ordinal), TimeSpan.FromMinutes(1));
            return new FloorTarget(process, new Uri(line[FloorGateway.ReadyLine.Length..]), functions);
        }
        catch
        {
            await process.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
