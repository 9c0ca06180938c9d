using System.Globalization;
using System.Net;
using WebSocketAspire.AppHost.Orchestration;

namespace WebSocketAspire.AppHost.CommandLine;

/// <summary>What the user asked for on the command line, with the documented defaults.</summary>
internal sealed record AppHostOptions
{
    public const int DefaultGatewayPort = 3001;
    public const int DefaultLambdaPort = 9001;
    public const int DefaultDynamoDbPort = 8000;
    public const int DefaultDashboardPort = 18888;
    public const int DefaultOtlpGrpcPort = 18889;
    public const int DefaultOtlpHttpPort = 18890;

    /// <summary><c>run</c> (default), <c>validate</c> or <c>render</c>.</summary>
    public string Verb { get; init; } = "run";
    public required string TemplatePath { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Where everything listens; 127.0.0.1 unless the user asks otherwise.</summary>
    public IPAddress Host { get; init; } = IPAddress.Loopback;
    /// <summary>0 picks a free port.</summary>
    public int GatewayPort { get; init; } = DefaultGatewayPort;
    public int LambdaPort { get; init; } = DefaultLambdaPort;
    public int DynamoDbPort { get; init; } = DefaultDynamoDbPort;
    public bool Dashboard { get; init; } = true;
    public int DashboardPort { get; init; } = DefaultDashboardPort;
    public int OtlpGrpcPort { get; init; } = DefaultOtlpGrpcPort;
    public int OtlpHttpPort { get; init; } = DefaultOtlpHttpPort;
    /// <summary>Where dynalite keeps its LevelDB files.</summary>
    public required string DataDirectory { get; init; }
    public string Region { get; init; } = "us-east-1";
    /// <summary>Arguments left for the verb (e.g. <c>render</c>'s route key and body).</summary>
    public IReadOnlyList<string> VerbArguments { get; init; } = [];

    public const string Usage = """
        Usage: dotnet run --project AppHost -- [run|validate [path]|render <routeKey> --body <json>] [options]

          --template <path>        the stack template (default: Infrastructure/template.yaml)
          --parameter <Name=Value> a template parameter value (repeatable)
          --host <address>         the address every endpoint listens on (default: 127.0.0.1)
          --gateway-port <port>    WebSocket gateway and @connections (default: 3001; 0 = any free port)
          --lambda-port <port>     Lambda Runtime API for the function processes (default: 9001)
          --dynamodb-port <port>   DynamoDB API (dynalite) (default: 8000)
          --dashboard-port <port>  the dashboard: resources, console and structured logs, traces (default: 18888)
          --otlp-grpc-port <port>  the dashboard's OTLP/gRPC receiver (default: 18889)
          --otlp-http-port <port>  the dashboard's OTLP/HTTP receiver (default: 18890)
          --no-dashboard           run without the dashboard (telemetry goes to OTEL_EXPORTER_OTLP_ENDPOINT if set)
          --data-dir <path>        dynalite's data folder (default: .data/dynalite in the repository)
          --region <region>        the region the stack pretends to run in (default: us-east-1)
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message that names the bad option.</summary>
    public static AppHostOptions Parse(IReadOnlyList<string> args, string repositoryRoot)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = "run";
        var verbArguments = new List<string>();
        var template = Path.Combine(repositoryRoot, "Infrastructure", "template.yaml");
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var host = IPAddress.Loopback;
        int gateway = DefaultGatewayPort, lambda = DefaultLambdaPort, dynamo = DefaultDynamoDbPort;
        int dashboardPort = DefaultDashboardPort, otlpGrpc = DefaultOtlpGrpcPort, otlpHttp = DefaultOtlpHttpPort;
        var dashboard = true;
        var data = Path.Combine(repositoryRoot, ".data", "dynalite");
        var region = "us-east-1";

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"Option {arg} needs a value.");
            switch (arg)
            {
                case "--template": template = Path.GetFullPath(Value()); break;
                case "--parameter":
                    var pair = Value();
                    var eq = pair.IndexOf('=', StringComparison.Ordinal);
                    if (eq <= 0)
                    {
                        throw new ArgumentException($"--parameter expects Name=Value, got '{pair}'.");
                    }
                    parameters[pair[..eq]] = pair[(eq + 1)..];
                    break;
                case "--host":
                    var address = Value();
                    host = IPAddress.TryParse(address, out var parsed) ? parsed : throw new ArgumentException($"--host expects an IP address, got '{address}'.");
                    break;
                case "--gateway-port": gateway = Port(arg, Value()); break;
                case "--lambda-port": lambda = Port(arg, Value()); break;
                case "--dynamodb-port": dynamo = Port(arg, Value()); break;
                case "--dashboard-port": dashboardPort = Port(arg, Value()); break;
                case "--otlp-grpc-port": otlpGrpc = Port(arg, Value()); break;
                case "--otlp-http-port": otlpHttp = Port(arg, Value()); break;
                case "--no-dashboard": dashboard = false; break;
                case "--data-dir": data = Path.GetFullPath(Value()); break;
                case "--region": region = Value(); break;
                case "run" or "validate" or "render" when i == 0: verb = arg; break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal) && verb != "render")
                    {
                        throw new ArgumentException($"Unknown option '{arg}'.");
                    }
                    verbArguments.Add(arg);
                    break;
            }
        }
        if (verb == "validate" && verbArguments.Count > 0)
        {
            template = Path.GetFullPath(verbArguments[0]);
        }
        return new AppHostOptions
        {
            Verb = verb,
            TemplatePath = template,
            Parameters = parameters,
            Host = host,
            GatewayPort = gateway,
            LambdaPort = lambda,
            DynamoDbPort = dynamo,
            Dashboard = dashboard,
            DashboardPort = dashboardPort,
            OtlpGrpcPort = otlpGrpc,
            OtlpHttpPort = otlpHttp,
            DataDirectory = data,
            Region = region,
            VerbArguments = verbArguments,
        };
    }

    /// <summary>The stack these options describe; callers add what only they know (logging, telemetry).</summary>
    public LocalStackOptions ToLocalStackOptions() => new()
    {
        TemplatePath = TemplatePath,
        Parameters = Parameters,
        Host = Host,
        GatewayPort = GatewayPort,
        LambdaPort = LambdaPort,
        DynamoDbPort = DynamoDbPort,
        Dashboard = Dashboard,
        DashboardPort = DashboardPort,
        OtlpGrpcPort = OtlpGrpcPort,
        OtlpHttpPort = OtlpHttpPort,
        DataDirectory = DataDirectory,
        Region = Region,
    };

    private static int Port(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"{option} expects a port number (0-65535), got '{value}'.");
}
