using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>
/// The real local stack from Infrastructure/template.yaml (or a fixture stack's template) on free
/// ports with a temporary data folder, started once for the collection and torn down (processes
/// stopped, folder deleted) after.
/// </summary>
public class StackFixture : IAsyncLifetime
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "wsa-e2e-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _log = new();
    private readonly SemaphoreSlim _startGate = new(1, 1);
    private LocalStack? _stack;
    private AmazonDynamoDBClient? _dynamo;

    internal ResourceConsole Console { get; }

    public StackFixture() => Console = ResourceConsole.To(TextWriter.Synchronized(_log));

    internal LocalStack Stack => _stack ?? throw new InvalidOperationException("Call StartAsync first.");

    public Uri Url => Stack.WebSocketUrl;

    public static readonly IReadOnlyDictionary<string, string> Hello = new Dictionary<string, string> { ["token"] = "hello" };

    public const string Reply = "good job on deploying this template, keep slaying!!";

    /// <summary>Starts the stack on first use; skips (or fails in CI) when node is missing.</summary>
    public async Task StartAsync()
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        RequiredTool.Require("npm", "to install dynalite on first run");
        await _startGate.WaitAsync();
        try
        {
            _stack ??= await LocalStack.StartAsync(new LocalStackOptions
            {
                TemplatePath = TemplatePath,
                DataDirectory = _dataDirectory,
                GatewayPort = 0,
                LambdaPort = 0,
                DynamoDbPort = 0,
                StartTimeout = TimeSpan.FromMinutes(3),
                NativeAot = NativeAot,
            }, Console, CancellationToken.None);
            _dynamo ??= DynamoDbClients.For(_stack);
        }
        finally
        {
            _startGate.Release();
        }
    }

    /// <summary>The template the stack runs.</summary>
    protected virtual string TemplatePath => RepositoryLayout.Template;

    /// <summary>Run the .NET functions as their Native AOT publish (<c>--native-aot</c>).</summary>
    protected virtual bool NativeAot => false;

    /// <summary>The stack's connections table (its only table).</summary>
    public string TableName => Stack.Stack.Tables.Values.Single().TableName;

    /// <summary>The resource console output so far, for failure messages.</summary>
    public string Log => _log.ToString();

    public int Invocations(string functionId) => Stack.Lambda.Find(functionId)!.InvocationCount;

    public async Task<bool> HasConnectionRowAsync(string connectionId)
    {
        var response = await _dynamo!.GetItemAsync(new GetItemRequest
        {
            TableName = TableName,
            Key = new Dictionary<string, AttributeValue> { ["connectionId"] = new() { S = connectionId } },
            ConsistentRead = true,
        });
        return response.Item is { Count: > 0 };
    }

    /// <summary>How many connection rows the table holds now.</summary>
    public async Task<int> ConnectionRowCountAsync()
    {
        var response = await _dynamo!.ScanAsync(new ScanRequest { TableName = TableName, Select = Select.COUNT, ConsistentRead = true });
        return response.Count ?? 0;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public virtual async Task DisposeAsync()
    {
        _dynamo?.Dispose();
        if (_stack is not null)
        {
            await _stack.StopAsync();
        }
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        _startGate.Dispose();
        _log.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<StackFixture>
{
    public const string Name = "local stack";
}
