using System.Globalization;
using System.Net;
using System.Reflection;
using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Hosting.Local;

namespace WebSocketAspire.AppHost.CommandLine;

/// <summary>What the user asked for on the command line, with the documented defaults.</summary>
internal sealed record AppHostOptions
{
    public const int DefaultDashboardPort = 18888;
    public const int DefaultOtlpGrpcPort = 18889;
    public const int DefaultOtlpHttpPort = 18890;
    public const string PortRangeVariable = "ASPIRE_PROXYLESS_ENDPOINT_PORT_RANGE";
    public const string DefaultPortRange = "20000-20999";

    /// <summary>The AppHost project's folder, recorded at build time: the default template is found from it wherever the command runs.</summary>
    public static string ProjectDirectory { get; } =
        typeof(AppHostOptions).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "AppHostDirectory")?.Value
        ?? AppContext.BaseDirectory;

    public static string DefaultTemplate => Path.GetFullPath(Path.Combine(ProjectDirectory, "..", "Infrastructure", "template.yaml"));

    /// <summary><c>run</c> (default), <c>validate</c> or <c>render</c>.</summary>
    public string Verb { get; init; } = "run";
    public required string TemplatePath { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    /// <summary>Where the stack's endpoints listen; 127.0.0.1 unless the user asks otherwise.</summary>
    public IPAddress Host { get; init; } = IPAddress.Loopback;
    /// <summary>0 picks a free port.</summary>
    public int GatewayPort { get; init; } = WebSocketStackOptions.DefaultGatewayPort;
    public int LambdaPort { get; init; } = WebSocketStackOptions.DefaultLambdaPort;
    public int DynamoDbPort { get; init; } = WebSocketStackOptions.DefaultDynamoDbPort;
    public int TestClientPort { get; init; } = WebSocketStackOptions.DefaultTestClientPort;
    public Uri? DynamoDbEndpoint { get; init; }
    public bool Dashboard { get; init; } = true;
    public int? DashboardPort { get; init; }
    public int? OtlpGrpcPort { get; init; }
    public int? OtlpHttpPort { get; init; }
    /// <summary>The stack's data folder; null keeps the default (<c>.data</c> beside the AppHost project).</summary>
    public string? DataDirectory { get; init; }
    public string Region { get; init; } = "us-east-1";
    /// <summary>Run .NET functions as their Native AOT publish, as Lambda runs them.</summary>
    public bool NativeAot { get; init; }
    /// <summary>Arguments left for the verb (e.g. <c>render</c>'s route key and body).</summary>
    public IReadOnlyList<string> VerbArguments { get; init; } = [];

    public const string Usage = """
        Usage: dotnet run --project AppHost -- [run|validate [path]|render <routeKey> --body <json>] [options]

          --template <path>         the stack template (default: Infrastructure/template.yaml)
          --parameter <Name=Value>  a template parameter value (repeatable)
          --host <address>          the address the stack's endpoints listen on (default: 127.0.0.1)
          --gateway-port <port>     WebSocket gateway and @connections (default: 3001; 0 = any free port)
          --lambda-port <port>      Lambda API and the functions' Runtime API (default: 9001)
          --dynamodb-port <port>    DynamoDB API (dynalite) (default: 8000)
          --test-client-port <port> the browser test client (default: 3002)
          --dynamodb-endpoint <url> use this DynamoDB API (DynamoDB Local, …) instead of starting dynalite
          --dashboard-port <port>   the Aspire dashboard (default: 18888)
          --otlp-grpc-port <port>   the dashboard's OTLP/gRPC endpoint (default: 18889)
          --otlp-http-port <port>   the dashboard's OTLP/HTTP endpoint (default: 18890)
          --no-dashboard            run without the Aspire dashboard
          --data-dir <path>         the stack's data folder: tables, credentials (default: AppHost/.data)
          --region <region>         the region the stack pretends to run in (default: us-east-1)
          --native-aot              run provided.* functions built from a .NET project as their Native AOT
                                    publish, as Lambda runs them (publishes first: ~2 s unchanged, a minute changed)
        Relative paths are read from the current directory.
        """;

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> with a message that names the bad option.</summary>
    public static AppHostOptions Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var verb = "run";
        var verbArguments = new List<string>();
        var template = DefaultTemplate;
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        var host = IPAddress.Loopback;
        int gateway = WebSocketStackOptions.DefaultGatewayPort, lambda = WebSocketStackOptions.DefaultLambdaPort, dynamo = WebSocketStackOptions.DefaultDynamoDbPort, testClient = WebSocketStackOptions.DefaultTestClientPort;
        int? dashboardPort = null, otlpGrpc = null, otlpHttp = null;
        Uri? dynamoEndpoint = null;
        var dashboard = true;
        string? data = null;
        var region = "us-east-1";
        var nativeAot = false;

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
                case "--test-client-port": testClient = Port(arg, Value()); break;
                case "--dynamodb-endpoint":
                    var url = Value();
                    dynamoEndpoint = Uri.TryCreate(url, UriKind.Absolute, out var endpoint) && endpoint.Scheme is "http" or "https"
                        ? endpoint
                        : throw new ArgumentException($"--dynamodb-endpoint expects an http(s) URL, got '{url}'.");
                    break;
                case "--dashboard-port": dashboardPort = Port(arg, Value()); break;
                case "--otlp-grpc-port": otlpGrpc = Port(arg, Value()); break;
                case "--otlp-http-port": otlpHttp = Port(arg, Value()); break;
                case "--no-dashboard": dashboard = false; break;
                case "--data-dir": data = Path.GetFullPath(Value()); break;
                case "--region": region = Value(); break;
                case "--native-aot": nativeAot = true; break;
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
            TestClientPort = testClient,
            DynamoDbEndpoint = dynamoEndpoint,
            Dashboard = dashboard,
            DashboardPort = dashboardPort,
            OtlpGrpcPort = otlpGrpc,
            OtlpHttpPort = otlpHttp,
            DataDirectory = data,
            Region = region,
            NativeAot = nativeAot,
            VerbArguments = verbArguments,
        };
    }

    /// <summary>Applies the stack options these arguments name to <paramref name="stack"/>.</summary>
    public void ApplyTo(WebSocketStackOptions stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        foreach (var (name, value) in Parameters)
        {
            stack.Parameters[name] = value;
        }
        stack.Host = Host;
        stack.GatewayPort = GatewayPort;
        stack.LambdaPort = LambdaPort;
        stack.DynamoDbPort = DynamoDbPort;
        stack.TestClientPort = TestClientPort;
        stack.DynamoDbEndpoint = DynamoDbEndpoint;
        stack.Region = Region;
        stack.NativeAot = NativeAot;
        if (DataDirectory is not null)
        {
            stack.DataDirectory = DataDirectory;
        }
    }

    /// <summary>
    /// Aspire's own settings: the dashboard and its OTLP endpoints on fixed loopback ports (the launch
    /// profile's values, so <c>dotnet AppHost.dll</c> behaves like <c>dotnet run</c>), plus what the
    /// command line changed. Environment variables the user set win over the defaults.
    /// </summary>
    public DistributedApplicationOptions ToAspireOptions()
    {
        var settings = new List<string>();
        void Set(string key, int? port, int defaultPort)
        {
            if (port is not null || string.IsNullOrEmpty(Environment.GetEnvironmentVariable(key)))
            {
                settings.Add($"--{key}=http://127.0.0.1:{(port ?? defaultPort).ToString(CultureInfo.InvariantCulture)}");
            }
        }
        Set("ASPNETCORE_URLS", DashboardPort, DefaultDashboardPort);
        Set("ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL", OtlpGrpcPort, DefaultOtlpGrpcPort);
        Set("ASPIRE_DASHBOARD_OTLP_HTTP_ENDPOINT_URL", OtlpHttpPort, DefaultOtlpHttpPort);
        // What Aspire's AppHost template puts in appsettings.json, given here because the AppHost runs in
        // the user's directory: without it every dashboard request is logged to the terminal.
        foreach (var category in new[] { "Microsoft.AspNetCore", "Aspire.Hosting.Dcp" })
        {
            var key = $"Logging__LogLevel__{category.Replace(".", "__", StringComparison.Ordinal)}";
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(key)))
            {
                settings.Add($"--Logging:LogLevel:{category}=Warning");
            }
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(PortRangeVariable)))
        {
            // Otherwise Aspire picks its process ports anywhere in 10000-32767. Set in the environment,
            // where the launch profile puts it, so it applies however Aspire reads it.
            Environment.SetEnvironmentVariable(PortRangeVariable, DefaultPortRange);
        }
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPIRE_ALLOW_UNSECURED_TRANSPORT")))
        {
            settings.Add("--ASPIRE_ALLOW_UNSECURED_TRANSPORT=true");
        }
        return new DistributedApplicationOptions
        {
            Args = [.. settings],
            DisableDashboard = !Dashboard,
            AllowUnsecuredTransport = true,
        };
    }

    /// <summary>The stack options for the verbs that read the template without running it.</summary>
    public LocalStackOptions ToLocalStackOptions() => new()
    {
        TemplatePath = TemplatePath,
        Parameters = Parameters,
        Host = Host,
        GatewayPort = GatewayPort,
        LambdaPort = LambdaPort,
        DynamoDbPort = DynamoDbPort,
        TestClientPort = TestClientPort,
        DataDirectory = DataDirectory ?? Path.Combine(ProjectDirectory, ".data"),
        Region = Region,
    };

    private static int Port(string option, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 0 and <= 65535
            ? port
            : throw new ArgumentException($"{option} expects a port number (0-65535), got '{value}'.");
}
