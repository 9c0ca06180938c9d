using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Tests.Infrastructure.Support;
using TemplateFixtures = WebSocketAspire.Tests.Infrastructure.Template.Fixtures;

namespace WebSocketAspire.Tests.Infrastructure.Gateway.Fixtures;

/// <summary>
/// The gateway built on a fixture template exactly as loaded: the <see cref="StackModel"/> from
/// <see cref="TemplateLoader"/>, one <see cref="FunctionEndpoint"/> per function of the template (with the
/// template's timeout), each served by an <see cref="InProcessFunction"/> unless the test drives it by hand.
/// </summary>
internal sealed class FixtureGateway : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private readonly Dictionary<string, InProcessFunction> _functions;

    private FixtureGateway(StackModel stack, GatewayContext context, FakeTimeProvider time, Dictionary<string, InProcessFunction> functions)
    {
        Stack = stack;
        Context = context;
        Time = time;
        _functions = functions;
    }

    public StackModel Stack { get; }
    public GatewayContext Context { get; }
    public FakeTimeProvider Time { get; }

    public InProcessFunction Function(string functionId) => _functions[functionId];

    public FunctionEndpoint Endpoint(string functionId) => Context.Lambda.Find(functionId)!;

    /// <summary>Loads <paramref name="fixture"/>; every function named in <paramref name="handlers"/> gets a runtime (null: none, the test serves it).</summary>
    public static FixtureGateway Load(
        string fixture,
        IReadOnlyDictionary<string, Func<string, FunctionReply>?> handlers,
        IReadOnlyDictionary<string, string>? parameterOverrides = null)
    {
        var environment = parameterOverrides is null ? new StackEnvironment() : new StackEnvironment { ParameterOverrides = parameterOverrides };
        var result = TemplateLoader.Load(TemplateFixtures.PathOf(fixture), environment);
        Assert.True(result.Stack is not null, $"{fixture} did not load: {string.Join("; ", result.Diagnostics)}");
        var stack = result.Stack!;
        var time = new FakeTimeProvider(GatewayHarness.Start);
        var endpoints = stack.Functions.Values
            .Select(f => new FunctionEndpoint(f.LogicalId, f.FunctionName, f.Arn, TimeSpan.FromSeconds(f.TimeoutSeconds), time))
            .ToList();
        var lambda = new LambdaService(endpoints, time, NullLogger.Instance);
        var runtimes = new Dictionary<string, InProcessFunction>(StringComparer.Ordinal);
        foreach (var (functionId, handler) in handlers)
        {
            Assert.True(lambda.Find(functionId) is not null, $"{fixture} has no function {functionId}");
            if (handler is not null)
            {
                runtimes[functionId] = new InProcessFunction(lambda.Find(functionId)!, handler);
            }
        }
        var context = new GatewayContext(stack, lambda, new ConnectionRegistry(), new SequentialIdGenerator(), time, NullLogger.Instance);
        return new FixtureGateway(stack, context, time, runtimes);
    }

    public Task<ConnectDecision> HandshakeAsync(UpgradeRequest request) =>
        new ConnectFlow(Context).RunAsync(request, CancellationToken.None).WaitAsync(Deadline);

    /// <summary>An open, registered connection whose client end the test reads.</summary>
    public (GatewayConnection Connection, WebSocketPair Sockets) Connect(string connectionId)
    {
        var sockets = WebSocketPair.Create();
        var connection = new GatewayConnection(
            connectionId,
            sockets.Server,
            new ConnectionIdentity { SourceIp = "203.0.113.9", DomainName = "127.0.0.1:3001" },
            Time.GetUtcNow(),
            Time);
        Context.Connections.Add(connection);
        return (connection, sockets);
    }

    public Task SendAsync(GatewayConnection connection, string body) =>
        new MessageFlow(Context).HandleAsync(connection, body, CancellationToken.None).WaitAsync(Deadline);

    public static UpgradeRequest Upgrade(IEnumerable<KeyValuePair<string, string[]>>? extraHeaders = null, IEnumerable<KeyValuePair<string, string[]>>? query = null)
    {
        List<KeyValuePair<string, string[]>> headers =
        [
            new("Host", ["127.0.0.1:3001"]),
            new("Connection", ["Upgrade"]),
            new("Upgrade", ["websocket"]),
            new("Sec-WebSocket-Key", ["+W5xw47OHh3OTFsWKjGu9Q=="]),
            new("Sec-WebSocket-Version", ["13"]),
            new("User-Agent", ["wscat"]),
        ];
        headers.AddRange(extraHeaders ?? []);
        return new UpgradeRequest
        {
            Headers = headers,
            Query = [.. query ?? []],
            SourceIp = "203.0.113.9",
            DomainName = "127.0.0.1:3001",
            Port = 3001,
        };
    }

    public static JsonElement Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    /// <summary>An Allow policy for whatever methodArn the authorizer event carries.</summary>
    public static FunctionReply AllowFor(string authorizerEvent, string principalId = "user-1")
    {
        var methodArn = Parse(authorizerEvent).GetProperty("methodArn").GetString();
        return FunctionReply.Ok(JsonSerializer.Serialize(new
        {
            principalId,
            policyDocument = new
            {
                Version = "2012-10-17",
                Statement = new[] { new { Action = "execute-api:Invoke", Effect = "Allow", Resource = methodArn } },
            },
        }));
    }

    public static string Forbidden(string connectionId, int requestId) =>
        ErrorFrames.Forbidden(connectionId, SequentialIdGenerator.Format(requestId));

    public static string InternalServerError(string connectionId, int requestId) =>
        ErrorFrames.InternalServerError(connectionId, SequentialIdGenerator.Format(requestId));

    public async ValueTask DisposeAsync()
    {
        foreach (var function in _functions.Values)
        {
            await function.DisposeAsync();
        }
        foreach (var connection in Context.Connections.Snapshot())
        {
            await connection.DisposeAsync();
        }
    }
}
