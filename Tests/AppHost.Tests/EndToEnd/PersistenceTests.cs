using Amazon.DynamoDBv2.Model;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>The local DynamoDB keeps its tables and rows in the data folder across runs.</summary>
public sealed class PersistenceTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wsa-persist-" + Guid.NewGuid().ToString("N"));

    private LocalStackOptions Options => new()
    {
        TemplatePath = Path.Combine(RepositoryLayout.Root, "Infrastructure", "template.yaml"),
        DataDirectory = _data,
        WatchTemplate = false,
        StartTimeout = TimeSpan.FromMinutes(3),
    };

    [SkippableFact]
    public async Task An_existing_table_is_kept_with_its_data_on_the_next_start()
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        var key = new Dictionary<string, AttributeValue> { ["connectionId"] = new() { S = "kept-across-runs" } };
        var log = new StringWriter();
        var console = ResourceConsole.To(TextWriter.Synchronized(log));

        await using (var first = await LocalStack.StartAsync(Options, console, CancellationToken.None))
        {
            using var client = DynamoDbClients.For(first);
            await client.PutItemAsync(new PutItemRequest { TableName = "connection_table", Item = key });
        }
        Assert.Contains("created table connection_table", log.ToString(), StringComparison.Ordinal);

        log.GetStringBuilder().Clear();
        await using (var second = await LocalStack.StartAsync(Options, console, CancellationToken.None))
        {
            using var client = DynamoDbClients.For(second);
            var item = await client.GetItemAsync(new GetItemRequest { TableName = "connection_table", Key = key, ConsistentRead = true });
            Assert.True(item.IsItemSet, "the row written in the first run is still there");
        }
        Assert.DoesNotContain("created table", log.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }
}
