using System.Collections.Concurrent;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.TestClient;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>
/// The whole stack of one template, running locally: dynalite with the template's tables, the Lambda
/// Runtime API, one process per function and the WebSocket gateway. Starts in dependency order and
/// stops in reverse, firing $disconnect for every open connection before the functions go away.
/// </summary>
internal sealed partial class LocalStack : IAsyncDisposable
{
    /// <summary>The console name the gateway and the Lambda service write under.</summary>
    public const string GatewayConsole = "gateway";

    private readonly LocalStackOptions _options;
    private readonly ResourceConsole _console;
    private readonly ConcurrentDictionary<string, FunctionResource> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, MeterProvider> _functionMetrics = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RuntimeSpans> _runtimeSpans = new(StringComparer.Ordinal);
    private readonly WebSocketGateway _gateway;
    /// <summary>Set once start-up has created the tables: the gateway takes clients from then on.</summary>
    private volatile bool _ready;
    private readonly DynaliteResource? _dynamo;
    private readonly ILoggerFactory _loggers;
    private readonly EngineTelemetry _telemetry;
    private readonly TimeProvider _time;
    private readonly IIdGenerator _ids = new RandomIdGenerator();
    private readonly WebApplication _lambdaServer;
    private readonly WebApplication _gatewayServer;
    private TemplateWatcher? _watcher;
    private WebApplication? _testClientServer;
    private int _stopped;
    /// <summary>Cancelled when the stack stops: ends work its commands started (a function's publish).</summary>
    private readonly CancellationTokenSource _stopping = new();

    private LocalStack(LocalStackOptions options, ResourceConsole console, StackModel stack, StartedParts parts, TimeProvider time)
    {
        _options = options;
        _console = console;
        Stack = stack;
        _dynamo = parts.Dynamo;
        DynamoDbEndpoint = parts.DynamoDbEndpoint;
        _telemetry = parts.Telemetry;
        _loggers = parts.Loggers;
        _lambdaServer = parts.LambdaServer;
        _gatewayServer = parts.GatewayServer;
        _time = time;
        LambdaPort = parts.LambdaPort;
        Credentials = parts.Credentials;
        Lambda = parts.Lambda;
        _gateway = new WebSocketGateway(NewGatewayContext(stack, new ConnectionRegistry()));
        parts.Owned = true;
    }

    /// <summary>The stack as last loaded; a template reload replaces it.</summary>
    public StackModel Stack { get; private set; }
    public LocalCredentials Credentials { get; }
    public LambdaService Lambda { get; }
    public ConnectionRegistry Connections => _gateway.Context.Connections;
    public int LambdaPort { get; }
    public Uri DynamoDbEndpoint { get; }
    /// <summary>dynalite's process, when the stack runs its own store.</summary>
    public DynaliteResource? Dynalite => _dynamo;
    public Uri LambdaEndpoint => new($"http://{Authority(_options.Host.ToString(), LambdaPort)}/");
    public Uri WebSocketUrl => new($"ws://{Stack.Environment.GatewayAuthority}/{Stack.Api.Stage.Name}");
    public Uri ConnectionsEndpoint => new($"http://{Stack.Environment.GatewayAuthority}/{Stack.Api.Stage.Name}");
    public IReadOnlyCollection<FunctionResource> Functions => [.. _functions.Values];

    /// <summary>Who may use the browser test client: the token its link carries.</summary>
    public TestClientAccess TestClientAccess => field ??= TestClientAccess.FromSecret(Credentials.SecretAccessKey);

    /// <summary>The browser test client, with the access token (the link to open).</summary>
    public Uri TestClientUrl => new($"http://{Authority(_options.Host.ToString(), Servers.BoundPort(_testClientServer!))}/?{TestClientAccess.QueryName}={TestClientAccess.Token}");
    public LocalStackOptions Options => _options;

    /// <summary>
    /// Loads and validates the template against local values; throws <see cref="TemplateErrorsException"/>
    /// on errors. Its warnings (what is not emulated locally) go to <paramref name="warnings"/>, when given.
    /// </summary>
    public static StackModel Load(LocalStackOptions options, int gatewayPort, ResourceConsole? warnings = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = TemplateLoader.Load(options.TemplatePath, Environment(options, gatewayPort));
        if (result.HasErrors || result.Stack is null)
        {
            throw new TemplateErrorsException(result.Diagnostics);
        }
        foreach (var warning in result.Diagnostics)
        {
            warnings?.WriteLine(TemplateResource, warning.ToString());
        }
        return result.Stack;
    }

    private static StackEnvironment Environment(LocalStackOptions options, int gatewayPort) => new()
    {
        Region = options.Region,
        GatewayAuthority = Authority(options.Host.ToString(), gatewayPort),
        ParameterOverrides = options.Parameters,
    };

    public static async Task<LocalStack> StartAsync(LocalStackOptions options, ResourceConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        // Validate, and resolve every function's code, before starting anything: bad input fails fast.
        var preview = Load(options, options.GatewayPort, console);
        var binaries = ResolveBinaries(preview, options);
        await EnsureRuntimeToolsAsync(preview, options, console, cancellationToken);
        // A native publish (2 s when nothing changed) runs while dynalite starts and the servers bind;
        // if the start fails meanwhile, it is cancelled (its process ended) before the failure is reported.
        using var publishCancel = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var publishing = PublishNativeAsync(preview, binaries, options, console, publishCancel.Token);
        var time = TimeProvider.System;
        var parts = new StartedParts();
        try
        {
            parts.Telemetry = EngineTelemetry.Create(options.TelemetryServiceName, options.OtlpEndpoint, options.OtlpHeaders,
                [GatewayObservability.SourceName, LambdaObservability.SourceName], [GatewayObservability.MeterName]);
            parts.Loggers = LoggerFactory.Create(builder =>
            {
                options.ConfigureLogging?.Invoke(builder);
                // The gateway's per-message lines follow the message's trace sampling, as the functions' do.
                builder.AddSampler(new WebSocketAspire.Telemetry.RecordedTraceLogSampler());
                builder.AddProvider(new ResourceConsoleLoggerProvider(console));
                parts.Telemetry.AddLogging(builder);
            });
            parts.Credentials = LocalCredentials.LoadOrCreate(options.DataDirectory);
            // dynalite (a Node.js process) starts while the servers bind: start-up is on the critical path of every run.
            if (options.DynamoDbEndpoint is null)
            {
                parts.DynamoStarting = DynaliteResource.StartAsync(options.NodeToolsDirectory, options.Host.ToString(), options.DynamoDbPort,
                    Path.Combine(options.DataDirectory, "dynalite"), console, options.StartTimeout, cancellationToken, time);
            }

            // Both servers bind before the template is resolved, so a port of 0 is a port the OS
            // gave us, never one picked earlier and taken by someone else since.
            var credentials = parts.Credentials;
            SigV4Credential? Lookup(string accessKey) => accessKey == credentials.AccessKeyId ? new SigV4Credential(credentials.SecretAccessKey) : null;
            parts.Lambda = new LambdaService([], time, parts.Loggers.CreateLogger("lambda"));
            var logs = new InvocationLogTail(parts.Lambda);
            console.LineWritten += (resource, line) =>
            {
                // Every console line passes here: look at it only while an invocation wants its log.
                if (logs.IsCollecting && ProcessLauncher.ParseLabel(resource) is { } instance)
                {
                    logs.Append(instance.Function, instance.Instance, line);
                }
            };
            parts.LambdaServer = Servers.Lambda(options.Host, options.LambdaPort, parts.Lambda, logs,
                new SigV4Verifier(Lookup, time, service: "lambda", region: options.Region), options.ConfigureLogging);
            await parts.LambdaServer.StartAsync(cancellationToken);
            parts.LambdaPort = Servers.BoundPort(parts.LambdaServer);
            var verifier = new SigV4Verifier(Lookup, time, region: options.Region);
            LocalStack? local = null;
            // Until the tables exist the gateway answers 503: a $connect must not reach a function before its table does.
            parts.GatewayServer = Servers.Gateway(options.Host, options.GatewayPort, () => local is { _ready: true } ready ? ready._gateway : null, verifier, options.ConfigureLogging);
            await parts.GatewayServer.StartAsync(cancellationToken);
            if (parts.DynamoStarting is { } starting)
            {
                parts.Dynamo = await starting;
                parts.DynamoDbEndpoint = parts.Dynamo.Endpoint;
            }
            else
            {
                parts.DynamoDbEndpoint = options.DynamoDbEndpoint!;
            }

            await publishing;
            var stack = Load(options, Servers.BoundPort(parts.GatewayServer));
            local = new LocalStack(options, console, stack, parts, time);
            try
            {
                // The function processes first: their start-up is the longest part, and runs while the
                // test client binds and the tables are created (they take no invocation before the gateway is ready).
                foreach (var function in stack.Functions.Values)
                {
                    local.StartFunction(stack, function, binaries[function.LogicalId]);
                }
                local._testClientServer = TestClientServer.Create(options.Host, options.TestClientPort, local._gateway, () => local.WebSocketUrl,
                    local.TestClientAccess, time, options.ConfigureLogging);
                await local._testClientServer.StartAsync(cancellationToken);
                await local.EnsureTablesAsync(stack, cancellationToken);
                local._ready = true;
                console.WriteLine(TemplateResource, $"started {options.TemplatePath}: {stack.Api.Routes.Count} routes, {stack.Functions.Count} functions, {stack.Tables.Count} tables");
                if (options.WatchTemplate)
                {
                    local._watcher = new TemplateWatcher(options.TemplatePath, local.ReloadOnEditAsync, local._time);
                }
                return local;
            }
            catch
            {
                await local.StopAsync();
                throw;
            }
        }
        catch when (!parts.Owned)
        {
            await publishCancel.CancelAsync();
            await publishing.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            await parts.DisposeAsync();
            throw;
        }
    }

    private GatewayContext NewGatewayContext(StackModel stack, ConnectionRegistry connections)
    {
        var context = new GatewayContext(stack, Lambda, connections, _ids, _time, _loggers.CreateLogger("gateway"));
        foreach (var error in context.Templates.Errors)
        {
            _console.WriteError(GatewayConsole, "mapping template error: " + error.Message);
        }
        return context;
    }

    private async Task<IReadOnlyList<string>> EnsureTablesAsync(StackModel stack, CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        var client = new DynamoDbTablesClient(http, DynamoDbEndpoint, Credentials.ToSigning(), stack.Environment.Region, _time);
        var created = await TableProvisioner.EnsureTablesAsync(client, stack.Tables.Values, _time, cancellationToken);
        foreach (var table in created)
        {
            _console.WriteLine(DynaliteResource.Name, $"created table {table}");
        }
        return created;
    }

    /// <summary>Closes every connection (firing $disconnect), then stops the functions, the servers and dynalite.</summary>
    public async Task StopAsync() => await StopAsync(TimeSpan.FromSeconds(15));

    /// <summary>Closes every connection (firing $disconnect) within <paramref name="disconnectTimeout"/>, then stops the rest.</summary>
    public async Task<(int Closed, int Disconnected)> StopAsync(TimeSpan disconnectTimeout)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return (0, 0);
        }
        await _stopping.CancelAsync();
        _watcher?.Dispose();
        var closed = await _gateway.ShutdownAsync(disconnectTimeout);
        await Task.WhenAll(_functions.Values.Select(f => f.DisposeAsync().AsTask()));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            WebApplication[] servers = _testClientServer is null ? [_gatewayServer, _lambdaServer] : [_testClientServer, _gatewayServer, _lambdaServer];
            await Task.WhenAll(servers.Select(s => s.StopAsync(timeout.Token))).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            foreach (var server in servers)
            {
                await server.DisposeAsync();
            }
        }
        if (_dynamo is not null)
        {
            await _dynamo.DisposeAsync();
        }
        _gateway.Dispose();
        _reloadGate.Dispose();
        // Last: what the stack said while stopping still reaches the dashboard before it goes.
        _telemetry.Flush();
        // Each provider's last export waits for the collector up to EngineTelemetry.ExportTimeout; when
        // the dashboard has gone first (Ctrl+C while Aspire was starting) one after another took 16 s.
        IDisposable[] providers = [.. _runtimeSpans.Values, .. _functionMetrics.Values, _loggers, _telemetry];
        await Task.WhenAll(providers.Select(provider => Task.Run(provider.Dispose)));
        return closed;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string Authority(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
