using System.Diagnostics;
using System.Globalization;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>The stack's functions: resolving how each runs, the environment Lambda gives it, starting it with its telemetry.</summary>
internal sealed partial class LocalStack
{
    /// <summary>How each function runs; those that run natively (<see cref="RunsNative"/>) are left to <see cref="PublishNativeAsync"/>.</summary>
    private static Dictionary<string, ProcessStartInfo> ResolveBinaries(StackModel stack, LocalStackOptions options) =>
        stack.Functions.Values.Where(f => !RunsNative(f, options)).ToDictionary(
            f => f.LogicalId,
            f => FunctionCommand.Resolve(f, options.FunctionConfiguration, options.FunctionTargetFramework, options.NodeToolsDirectory),
            StringComparer.Ordinal);

    /// <summary>
    /// With <see cref="LocalStackOptions.NativeAot"/>, every function that <see cref="RunsNative"/> runs as
    /// the native executable its project publishes (one publish per project); adds them to <paramref name="binaries"/>.
    /// </summary>
    private static async Task PublishNativeAsync(StackModel stack, Dictionary<string, ProcessStartInfo> binaries,
        LocalStackOptions options, ResourceConsole console, CancellationToken cancellationToken)
    {
        var published = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var function in stack.Functions.Values.Where(f => RunsNative(f, options)))
        {
            var codeUri = function.CodeUri!;
            if (!published.TryGetValue(codeUri, out var executable))
            {
                executable = await NativeAotPublisher.PublishAsync(codeUri, console, cancellationToken);
                published[codeUri] = executable;
            }
            binaries[function.LogicalId] = NativeAotPublisher.StartInfo(executable);
        }
    }

    /// <summary>Under <see cref="LocalStackOptions.NativeAot"/>, a <c>provided.*</c> function whose CodeUri is a .NET project runs natively.</summary>
    private static bool RunsNative(FunctionModel function, LocalStackOptions options) =>
        options.NativeAot && NativeAotPublisher.IsCandidate(function);

    /// <summary>Node.js and Python functions need our runtime clients (and Node.js ones the AWS SDK) installed; dynalite installs them too.</summary>
    private static Task EnsureRuntimeToolsAsync(StackModel stack, LocalStackOptions options, ResourceConsole console, CancellationToken cancellationToken) =>
        stack.Functions.Values.Any(FunctionCommand.IsInterpreted)
            ? NodeTools.EnsureInstalledAsync(options.NodeToolsDirectory, console, cancellationToken)
            : Task.CompletedTask;

    private void StartFunction(StackModel stack, FunctionModel function, ProcessStartInfo binary)
    {
        var endpoint = Lambda.Add(new FunctionEndpoint(function.LogicalId, function.FunctionName, function.Arn, TimeSpan.FromSeconds(function.TimeoutSeconds), _time));
        endpoint.Configure(function);
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
            // A function instance lives minutes, not hours: profile-guided re-JIT costs its start-up more
            // than it gives back (four .NET functions starting at once, measured with the whole stack).
            ["DOTNET_TieredPGO"] = "0",
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
            // The stack starts without waiting for the dashboard, as Aspire starts its projects: what a
            // function exports before the dashboard listens is retried, not dropped.
            environment[EngineTelemetry.RetryVariable] = EngineTelemetry.RetryInMemory;
        }
        foreach (var (key, value) in function.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }
}
