using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
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

    /// <summary>Loads and validates the template against local values; throws <see cref="TemplateErrorsException"/> on errors.</summary>
    public static StackModel Load(LocalStackOptions options, int gatewayPort)
    {
        ArgumentNullException.ThrowIfNull(options);
        var result = TemplateLoader.Load(options.TemplatePath, Environment(options, gatewayPort));
        if (result.HasErrors || result.Stack is null)
        {
            throw new TemplateErrorsException(result.Diagnostics);
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
        var preview = Load(options, options.GatewayPort);
        var binaries = ResolveBinaries(preview, options);
        await EnsureRuntimeToolsAsync(preview, options, console, cancellationToken);
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
            if (options.DynamoDbEndpoint is { } external)
            {
                parts.DynamoDbEndpoint = external;
            }
            else
            {
                parts.Dynamo = await DynaliteResource.StartAsync(options.NodeToolsDirectory, options.Host.ToString(), options.DynamoDbPort,
                    Path.Combine(options.DataDirectory, "dynalite"), console, options.StartTimeout, cancellationToken, time);
                parts.DynamoDbEndpoint = parts.Dynamo.Endpoint;
            }

            // Both servers bind before the template is resolved, so a port of 0 is a port the OS
            // gave us, never one picked earlier and taken by someone else since.
            var credentials = parts.Credentials;
            SigV4Credential? Lookup(string accessKey) => accessKey == credentials.AccessKeyId ? new SigV4Credential(credentials.SecretAccessKey) : null;
            parts.Lambda = new LambdaService([], time, parts.Loggers.CreateLogger("lambda"));
            var logs = new InvocationLogTail(parts.Lambda);
            console.LineWritten += (resource, line) =>
            {
                if (ProcessLauncher.ParseLabel(resource) is { } instance)
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
            parts.GatewayServer = Servers.Gateway(options.Host, options.GatewayPort, () => local?._gateway, verifier, options.ConfigureLogging);
            await parts.GatewayServer.StartAsync(cancellationToken);

            var stack = Load(options, Servers.BoundPort(parts.GatewayServer));
            local = new LocalStack(options, console, stack, parts, time);
            try
            {
                local._testClientServer = TestClientServer.Create(options.Host, options.TestClientPort, local._gateway, () => local.WebSocketUrl,
                    local.TestClientAccess, time, options.ConfigureLogging);
                await local._testClientServer.StartAsync(cancellationToken);
                await local.EnsureTablesAsync(stack, cancellationToken);
                foreach (var function in stack.Functions.Values)
                {
                    local.StartFunction(stack, function, binaries[function.LogicalId]);
                }
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
        using var client = TableProvisioner.CreateClient(DynamoDbEndpoint, stack.Environment.Region, Credentials.ToAws());
        var created = await TableProvisioner.EnsureTablesAsync(client, stack.Tables.Values, cancellationToken);
        foreach (var table in created)
        {
            _console.WriteLine(DynaliteResource.Name, $"created table {table}");
        }
        return created;
    }

    private static Dictionary<string, ProcessStartInfo> ResolveBinaries(StackModel stack, LocalStackOptions options) =>
        stack.Functions.Values.ToDictionary(
            f => f.LogicalId,
            f => FunctionCommand.Resolve(f, options.FunctionConfiguration, options.FunctionTargetFramework, options.NodeToolsDirectory),
            StringComparer.Ordinal);

    /// <summary>Node.js and Python functions need our runtime clients (and Node.js ones the AWS SDK) installed; dynalite installs them too.</summary>
    private static Task EnsureRuntimeToolsAsync(StackModel stack, LocalStackOptions options, ResourceConsole console, CancellationToken cancellationToken) =>
        stack.Functions.Values.Any(FunctionCommand.IsInterpreted)
            ? NodeTools.EnsureInstalledAsync(options.NodeToolsDirectory, console, cancellationToken)
            : Task.CompletedTask;

    private void StartFunction(StackModel stack, FunctionModel function, ProcessStartInfo binary)
    {
        var endpoint = Lambda.Add(new FunctionEndpoint(function.LogicalId, function.FunctionName, function.Arn, TimeSpan.FromSeconds(function.TimeoutSeconds), _time));
        endpoint.Configuration = function;
        endpoint.ConfiguredAt = _time.GetUtcNow();
        var resource = new FunctionResource(function, endpoint, binary, FunctionEnvironment(stack, function, _options, Credentials, DynamoDbEndpoint, LambdaPort), _console, _time);
        _functions[function.LogicalId] = resource;
        endpoint.Metrics.Instances = () => resource.InstanceCount;
        if (_options.OtlpEndpoint is { } otlp && !_functionMetrics.ContainsKey(function.LogicalId))
        {
            _functionMetrics[function.LogicalId] = EngineTelemetry.Metrics(function.LogicalId, otlp, _options.OtlpHeaders, endpoint.Metrics.MeterName);
        }
        if (_options.OtlpEndpoint is { } traces && FunctionCommand.IsInterpreted(function))
        {
            var spans = _runtimeSpans.GetOrAdd(function.LogicalId, id => new RuntimeSpans(id, function.FunctionName, traces, _options.OtlpHeaders));
            endpoint.Completed += spans.Record;
        }
        resource.Start();
    }

    /// <summary><c>{apiId}.execute-api.{region}.amazonaws.com={local gateway}</c>, read by our Node.js and Python runtime clients.</summary>
    public const string ExecuteApiVariable = "WEBSOCKETASPIRE_EXECUTE_API";

    /// <summary>The template's Runtime, so a runtime client can say when this machine's interpreter differs.</summary>
    public const string RuntimeVersionVariable = "WEBSOCKETASPIRE_RUNTIME_VERSION";

    /// <summary>The standard Lambda environment, pointed at the local services, plus the template's own variables.</summary>
    internal static Dictionary<string, string> FunctionEnvironment(StackModel stack, FunctionModel function, LocalStackOptions options, LocalCredentials credentials, Uri dynamoEndpoint, int lambdaPort)
    {
        ArgumentNullException.ThrowIfNull(stack);
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(credentials);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = $"{Authority(options.Host.ToString(), lambdaPort)}/{function.LogicalId}",
            ["_HANDLER"] = function.Handler,
            ["AWS_LAMBDA_FUNCTION_NAME"] = function.FunctionName,
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = function.MemorySize.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + function.FunctionName,
            ["AWS_REGION"] = stack.Environment.Region,
            ["AWS_DEFAULT_REGION"] = stack.Environment.Region,
            ["AWS_ACCESS_KEY_ID"] = credentials.AccessKeyId,
            ["AWS_SECRET_ACCESS_KEY"] = credentials.SecretAccessKey,
            ["AWS_ENDPOINT_URL_DYNAMODB"] = dynamoEndpoint.ToString().TrimEnd('/'),
            ["AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI"] = $"http://{stack.Environment.GatewayAuthority}/{stack.Api.Stage.Name}",
            ["AWS_ENDPOINT_URL_LAMBDA"] = $"http://{Authority(options.Host.ToString(), lambdaPort)}",
            // Code that builds the API's public endpoint itself reaches the local gateway (our runtime clients reroute it).
            [ExecuteApiVariable] = $"{stack.Api.ApiId}.execute-api.{stack.Environment.Region}.amazonaws.com=http://{stack.Environment.GatewayAuthority}",
            [RuntimeVersionVariable] = function.Runtime,
            ["OTEL_SERVICE_NAME"] = function.LogicalId,
            ["TZ"] = "UTC",
            // Many processes on a developer's few cores: a .NET function's idle thread-pool threads
            // sleep instead of spinning (spinning cost the message path half its CPU, measured).
            ["DOTNET_ThreadPool_UnfairSemaphoreSpinLimit"] = "0",
        };
        if (function.CodeUri is { } code)
        {
            environment["LAMBDA_TASK_ROOT"] = code;
        }
        if (options.OtlpEndpoint is { } otlp)
        {
            // What Aspire hands its own resources, so the functions' telemetry reaches the dashboard authenticated.
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp.ToString().TrimEnd('/');
            environment["OTEL_EXPORTER_OTLP_PROTOCOL"] = "grpc";
            if (!string.IsNullOrEmpty(options.OtlpHeaders))
            {
                environment["OTEL_EXPORTER_OTLP_HEADERS"] = options.OtlpHeaders;
            }
            environment["OTEL_METRIC_EXPORT_INTERVAL"] = ((int)EngineTelemetry.MetricInterval.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            // Spans and logs leave in one-second batches (the SDKs' default is five): live in the
            // dashboard, without an export per invocation.
            environment["OTEL_BSP_SCHEDULE_DELAY"] = "1000";
            environment["OTEL_BLRP_SCHEDULE_DELAY"] = "1000";
        }
        foreach (var (key, value) in function.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }

    /// <summary>Closes every open connection as DELETE @connections does; each gets its $disconnect. Returns how many were open.</summary>
    public Task<int> DisconnectAllAsync(TimeSpan timeout) => _gateway.DisconnectAllAsync(timeout);

    /// <summary>Replaces every instance of a function with a fresh one; false if the stack has no such function.</summary>
    public async Task<bool> RestartFunctionAsync(string functionId)
    {
        if (!_functions.TryGetValue(functionId, out var function))
        {
            return false;
        }
        await function.RestartAsync();
        return true;
    }

    /// <summary>
    /// Invokes a function with the event of its first use in the API (see <see cref="SampleEvents.ForFunction"/>)
    /// and writes the event and the result to the function's console. Null when the stack has no such
    /// function; otherwise the result, or a failure when no sample can be made.
    /// </summary>
    public async Task<SampleInvocation?> InvokeSampleAsync(string functionId, CancellationToken cancellationToken)
    {
        if (Lambda.Find(functionId) is null)
        {
            return null;
        }
        var sample = SampleEvents.ForFunction(_gateway.Context, functionId)
            ?? new SampleEvent("{}", null, "an empty event (no route or authorizer of the API uses this function)");
        if (sample.Payload is not { } payload)
        {
            _console.WriteError(functionId, $"Invoke: no sample event: {sample.Failure}");
            return new SampleInvocation(sample, null);
        }
        _console.WriteLine(functionId, $"Invoke with {sample.Description}: {payload}");
        var result = await Lambda.InvokeAsync(functionId, System.Text.Encoding.UTF8.GetBytes(payload), timeout: null, cancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(result.Payload);
        if (result.IsError)
        {
            _console.WriteError(functionId, $"Invoke {result.RequestId}: function error {result.ErrorType}: {text}");
        }
        else
        {
            _console.WriteLine(functionId, $"Invoke {result.RequestId}: {text}");
        }
        return new SampleInvocation(sample, result);
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
        foreach (var spans in _runtimeSpans.Values)
        {
            spans.Dispose();
        }
        foreach (var provider in _functionMetrics.Values)
        {
            provider.Dispose();
        }
        _loggers.Dispose();
        _telemetry.Dispose();
        return closed;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string Authority(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
