using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Tests.Infrastructure.Support;

/// <summary>
/// A <see cref="GatewayContext"/> over a hand-built stack whose functions are served by
/// <see cref="InProcessFunction"/>s: the gateway flows without sockets or processes.
/// </summary>
internal sealed class GatewayHarness : IAsyncDisposable
{
    /// <summary>20/Jan/2024:11:55:00 +0000, the clock every harness starts at.</summary>
    public static readonly DateTimeOffset Start = new(2024, 1, 20, 11, 55, 0, TimeSpan.Zero);

    private readonly Dictionary<string, InProcessFunction> _functions;

    private GatewayHarness(GatewayContext context, FakeTimeProvider time, SequentialIdGenerator ids, Dictionary<string, InProcessFunction> functions)
    {
        Context = context;
        Time = time;
        Ids = ids;
        _functions = functions;
    }

    public GatewayContext Context { get; }
    public FakeTimeProvider Time { get; }
    public SequentialIdGenerator Ids { get; }
    public ConnectionRegistry Connections => Context.Connections;

    public InProcessFunction Function(string functionId) => _functions[functionId];

    public FunctionEndpoint Endpoint(string functionId) => Context.Lambda.Find(functionId)!;

    public static GatewayHarness Create(WebSocketApiModel api, IReadOnlyDictionary<string, Func<string, FunctionReply>?> handlers)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(handlers);
        var time = new FakeTimeProvider(Start);
        var ids = new SequentialIdGenerator();
        var environment = new StackEnvironment();
        var functions = handlers.Keys.ToDictionary(id => id, id => new FunctionModel
        {
            LogicalId = id,
            FunctionName = "websocketaspire-" + id,
            Arn = $"arn:aws:lambda:{environment.Region}:{environment.AccountId}:function:websocketaspire-{id}",
            Handler = "bootstrap",
        }, StringComparer.Ordinal);
        var stack = new StackModel
        {
            TemplatePath = "/tmp/template.yaml",
            Environment = environment,
            Api = api,
            Functions = functions,
            Tables = new Dictionary<string, TableModel>(),
        };
        var endpoints = functions.Values
            .Select(f => new FunctionEndpoint(f.LogicalId, f.FunctionName, f.Arn, TimeSpan.FromSeconds(f.TimeoutSeconds), time))
            .ToList();
        var lambda = new LambdaService(endpoints, time, NullLogger.Instance);
        // A function without a handler has no runtime: its invocations wait until they time out.
        var runtimes = endpoints
            .Where(e => handlers[e.FunctionId] is not null)
            .ToDictionary(e => e.FunctionId, e => new InProcessFunction(e, handlers[e.FunctionId]!), StringComparer.Ordinal);
        var context = new GatewayContext(stack, lambda, new ConnectionRegistry(), ids, time, NullLogger.Instance);
        return new GatewayHarness(context, time, ids, runtimes);
    }

    /// <summary>An open connection, registered, whose client end the test reads.</summary>
    public (GatewayConnection Connection, WebSocketPair Sockets) Connect(string connectionId, ConnectionIdentity? identity = null)
    {
        var sockets = WebSocketPair.Create();
        var connection = new GatewayConnection(
            connectionId,
            sockets.Server,
            identity ?? new ConnectionIdentity { SourceIp = "203.0.113.9", DomainName = "127.0.0.1:3001" },
            Time.GetUtcNow(),
            Time);
        Connections.Add(connection);
        return (connection, sockets);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var function in _functions.Values)
        {
            await function.DisposeAsync();
        }
        foreach (var connection in Connections.Snapshot())
        {
            await connection.DisposeAsync();
        }
    }
}
