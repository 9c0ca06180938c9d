using System.Globalization;
using WebSocketAspire.AppHost.Resources;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.AppHost.Orchestration;

/// <summary>
/// The whole stack of one template, running locally: dynalite with the template's tables, the Lambda
/// Runtime API, one process per function and the WebSocket gateway. Starts in dependency order and
/// stops in reverse, firing $disconnect for every open connection before the functions go away.
/// </summary>
internal sealed class LocalStack : IAsyncDisposable
{
    private readonly List<FunctionResource> _functions;
    private readonly WebApplication _lambdaServer;
    private readonly WebApplication _gatewayServer;
    private readonly WebSocketGateway _gateway;
    private readonly DynaliteResource _dynamo;
    private readonly ILoggerFactory _loggers;
    private int _stopped;

    private LocalStack(StackModel stack, LocalCredentials credentials, DynaliteResource dynamo, LambdaService lambda,
        WebSocketGateway gateway, WebApplication lambdaServer, WebApplication gatewayServer, List<FunctionResource> functions, int gatewayPort, int lambdaPort, ILoggerFactory loggers)
    {
        _loggers = loggers;
        Stack = stack;
        Credentials = credentials;
        _dynamo = dynamo;
        Lambda = lambda;
        _gateway = gateway;
        _lambdaServer = lambdaServer;
        _gatewayServer = gatewayServer;
        _functions = functions;
        GatewayPort = gatewayPort;
        LambdaPort = lambdaPort;
    }

    public StackModel Stack { get; }
    public LocalCredentials Credentials { get; }
    public LambdaService Lambda { get; }
    public ConnectionRegistry Connections => _gateway.Context.Connections;
    public int GatewayPort { get; }
    public int LambdaPort { get; }
    public Uri DynamoDbEndpoint => _dynamo.Endpoint;
    public Uri WebSocketUrl => new($"ws://{Stack.Environment.GatewayAuthority}/{Stack.Api.Stage.Name}");
    public Uri ConnectionsEndpoint => new($"http://{Stack.Environment.GatewayAuthority}/{Stack.Api.Stage.Name}");
    public IReadOnlyList<FunctionResource> Functions => _functions;

    public static StackModel Load(LocalStackOptions options, int gatewayPort)
    {
        ArgumentNullException.ThrowIfNull(options);
        var environment = new StackEnvironment
        {
            Region = options.Region,
            GatewayAuthority = Authority(options.Host.ToString(), gatewayPort),
            ParameterOverrides = options.Parameters,
        };
        var result = TemplateLoader.Load(options.TemplatePath, environment);
        if (result.HasErrors || result.Stack is null)
        {
            throw new TemplateErrorsException(result.Diagnostics);
        }
        return result.Stack;
    }

    public static async Task<LocalStack> StartAsync(LocalStackOptions options, ResourceConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(console);
        var gatewayPort = FreePort.Resolve(options.Host, options.GatewayPort);
        var lambdaPort = FreePort.Resolve(options.Host, options.LambdaPort);
        var stack = Load(options, gatewayPort);
        var time = TimeProvider.System;
        var loggers = LoggerFactory.Create(builder => options.ConfigureLogging?.Invoke(builder));
        var credentials = LocalCredentials.Create();

        // Resolve every function's code before starting anything, so a missing build fails fast.
        var binaries = stack.Functions.Values.ToDictionary(
            f => f.LogicalId,
            f => FunctionBinary.Resolve(f.CodeUri ?? throw new InvalidOperationException($"{f.LogicalId} has no local CodeUri."), options.FunctionConfiguration, options.FunctionTargetFramework));

        var dynamo = await DynaliteResource.StartAsync(options.NodeToolsDirectory, options.Host.ToString(), options.DynamoDbPort, options.DataDirectory, console, options.StartTimeout, cancellationToken);
        WebApplication? lambdaServer = null, gatewayServer = null;
        var functions = new List<FunctionResource>();
        try
        {
            using (var dynamoClient = TableProvisioner.CreateClient(dynamo.Endpoint, stack.Environment.Region, credentials.ToAws()))
            {
                var created = await TableProvisioner.EnsureTablesAsync(dynamoClient, stack.Tables.Values, cancellationToken);
                foreach (var table in stack.Tables.Values)
                {
                    console.WriteLine(DynaliteResource.Name, created.Contains(table.TableName) ? $"created table {table.TableName}" : $"kept existing table {table.TableName}");
                }
            }

            var endpoints = stack.Functions.Values.Select(f => new FunctionEndpoint(f.LogicalId, f.FunctionName, f.Arn, TimeSpan.FromSeconds(f.TimeoutSeconds))).ToList();
            var lambda = new LambdaService(endpoints, time, loggers.CreateLogger("lambda"));
            lambdaServer = Servers.LambdaRuntime(options.Host, lambdaPort, lambda, options.ConfigureLogging);
            await lambdaServer.StartAsync(cancellationToken);

            var context = new GatewayContext(stack, lambda, new ConnectionRegistry(), new RandomIdGenerator(), time, loggers.CreateLogger("gateway"));
            foreach (var error in context.Templates.Errors)
            {
                console.WriteLine("gateway", "mapping template error: " + error.Message);
            }
            var gateway = new WebSocketGateway(context);
            var verifier = new SigV4Verifier(
                accessKey => accessKey == credentials.AccessKeyId ? new SigV4Credential(credentials.SecretAccessKey) : null,
                time);
            gatewayServer = Servers.Gateway(options.Host, gatewayPort, gateway, verifier, options.ConfigureLogging);
            await gatewayServer.StartAsync(cancellationToken);

            foreach (var function in stack.Functions.Values)
            {
                var environment = FunctionEnvironment(stack, function, options, credentials, dynamo.Endpoint, lambdaPort);
                var resource = new FunctionResource(function, lambda.Find(function.LogicalId)!, binaries[function.LogicalId], environment, console, time);
                resource.Start();
                functions.Add(resource);
            }
            return new LocalStack(stack, credentials, dynamo, lambda, gateway, lambdaServer, gatewayServer, functions, gatewayPort, lambdaPort, loggers);
        }
        catch
        {
            foreach (var function in functions)
            {
                await function.DisposeAsync();
            }
            if (gatewayServer is not null)
            {
                await gatewayServer.DisposeAsync();
            }
            if (lambdaServer is not null)
            {
                await lambdaServer.DisposeAsync();
            }
            await dynamo.DisposeAsync();
            loggers.Dispose();
            throw;
        }
    }

    /// <summary>The standard Lambda environment, pointed at the local services, plus the template's own variables.</summary>
    internal static Dictionary<string, string> FunctionEnvironment(StackModel stack, FunctionModel function, LocalStackOptions options, LocalCredentials credentials, Uri dynamoEndpoint, int lambdaPort)
    {
        var host = Authority(options.Host.ToString(), lambdaPort);
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_RUNTIME_API"] = $"{host}/{function.LogicalId}",
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
            ["OTEL_SERVICE_NAME"] = function.LogicalId,
            ["TZ"] = "UTC",
        };
        if (function.CodeUri is { } code)
        {
            environment["LAMBDA_TASK_ROOT"] = code;
        }
        if (options.OtlpEndpoint is { } otlp)
        {
            environment["OTEL_EXPORTER_OTLP_ENDPOINT"] = otlp;
        }
        foreach (var (key, value) in function.Environment)
        {
            environment[key] = value;
        }
        return environment;
    }

    /// <summary>Closes every connection (firing $disconnect), then stops the functions, the servers and dynalite.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }
        await _gateway.ShutdownAsync(TimeSpan.FromSeconds(15));
        await Task.WhenAll(_functions.Select(f => f.DisposeAsync().AsTask()));
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await Task.WhenAll(_gatewayServer.StopAsync(timeout.Token), _lambdaServer.StopAsync(timeout.Token)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await _gatewayServer.DisposeAsync();
        await _lambdaServer.DisposeAsync();
        await _dynamo.DisposeAsync();
        _gateway.Dispose();
        _loggers.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string Authority(string host, int port) =>
        host.Contains(':', StringComparison.Ordinal) ? $"[{host}]:{port}" : $"{host}:{port}";
}
