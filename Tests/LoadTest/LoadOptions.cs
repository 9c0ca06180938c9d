using System.Globalization;

namespace WebSocketAspire.LoadTest;

/// <summary>Which targets and scenarios to run, and their sizes (the defaults are issue #9's).</summary>
internal sealed record LoadOptions
{
    public const string Usage = """
        Usage: dotnet run -c Release --project Tests/LoadTest -- [options]
          --targets <list>     ours (dashboard on, the default way), native-aot (ours with --native-aot), no-dashboard,
                               serverless-offline, floor (the transport alone: WebSocket, Runtime API, @connections,
                               one function process; messages only), echo (a bare WebSocket echo; messages only)
                               (default: ours,serverless-offline)
          --scenarios <list>   startup, messages, handshakes, idle (default: all)
          --connections <n>    clients in the message scenario (default: 50)
          --messages <n>       messages each of them sends (default: 200)
          --handshakes <n>     clients connecting at once (default: 1000)
          --idle <n>           idle connections held open (default: 10000)
          --floor-functions <n> function processes of the floor target (default: 1, as many as our stack runs for the
                               message scenario on two cores)
        """;

    private static readonly string[] AllTargets = ["ours", "native-aot", "no-dashboard", "serverless-offline", "floor", "echo"];
    private static readonly string[] AllScenarios = ["startup", "messages", "handshakes", "idle"];

    public IReadOnlyList<string> Targets { get; init; } = ["ours", "serverless-offline"];
    public IReadOnlySet<string> Scenarios { get; init; } = AllScenarios.ToHashSet();
    public int Connections { get; init; } = 50;
    public int Messages { get; init; } = 200;
    public int Handshakes { get; init; } = 1000;
    public int Idle { get; init; } = 10_000;
    public int FloorFunctions { get; init; } = 1;

    public static LoadOptions Parse(IReadOnlyList<string> args)
    {
        var options = new LoadOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{arg} needs a value.");
            options = arg switch
            {
                "--targets" => options with { Targets = List(arg, Value(), AllTargets) },
                "--scenarios" => options with { Scenarios = List(arg, Value(), AllScenarios).ToHashSet() },
                "--connections" => options with { Connections = Count(arg, Value()) },
                "--messages" => options with { Messages = Count(arg, Value()) },
                "--handshakes" => options with { Handshakes = Count(arg, Value()) },
                "--idle" => options with { Idle = Count(arg, Value()) },
                "--floor-functions" => options with { FloorFunctions = Count(arg, Value()) },
                _ => throw new ArgumentException($"Unknown option '{arg}'."),
            };
        }
        return options;
    }

    private static List<string> List(string option, string value, string[] allowed)
    {
        var items = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();
        return items.FirstOrDefault(i => !allowed.Contains(i)) is { } unknown
            ? throw new ArgumentException($"{option}: '{unknown}' is not one of {string.Join(", ", allowed)}.")
            : items;
    }

    private static int Count(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"{option} expects a positive whole number, got '{value}'.");
}
