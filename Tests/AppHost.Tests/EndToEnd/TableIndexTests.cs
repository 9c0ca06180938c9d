using Amazon.DynamoDBv2.Model;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>A template's table is made in dynalite as CloudFormation makes it in DynamoDB: its keys and both kinds of index, queryable.</summary>
public sealed class TableIndexTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("wsa-indexes-").FullName;

    [SkippableFact]
    public async Task A_table_with_a_range_key_a_global_and_a_local_index_is_created_and_its_indexes_answer_queries()
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB, and the Node.js function");
        var code = Directory.CreateDirectory(Path.Combine(_folder, "code")).FullName;
        File.WriteAllText(Path.Combine(code, "index.mjs"), "export const handler = async () => ({ statusCode: 200 });\n");
        var template = Path.Combine(_folder, "template.yaml");
        File.WriteAllText(template, DefaultRouteTemplate.Text("indexes", "Handler", [new("Handler", "nodejs20.x", "index.handler", code)]) + """
              Messages:
                Type: AWS::DynamoDB::Table
                Properties:
                  TableName: messages
                  BillingMode: PAY_PER_REQUEST
                  AttributeDefinitions:
                    - { AttributeName: room, AttributeType: S }
                    - { AttributeName: sentAt, AttributeType: N }
                    - { AttributeName: author, AttributeType: S }
                  KeySchema:
                    - { AttributeName: room, KeyType: HASH }
                    - { AttributeName: sentAt, KeyType: RANGE }
                  GlobalSecondaryIndexes:
                    - IndexName: byAuthor
                      KeySchema:
                        - { AttributeName: author, KeyType: HASH }
                        - { AttributeName: sentAt, KeyType: RANGE }
                      Projection: { ProjectionType: INCLUDE, NonKeyAttributes: [text] }
                  LocalSecondaryIndexes:
                    - IndexName: byRoomAuthor
                      KeySchema:
                        - { AttributeName: room, KeyType: HASH }
                        - { AttributeName: author, KeyType: RANGE }
                      Projection: { ProjectionType: KEYS_ONLY }

            """);
        var log = new StringWriter();
        await using var stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            TemplatePath = template,
            DataDirectory = Path.Combine(_folder, "data"),
            WatchTemplate = false,
            StartTimeout = TimeSpan.FromMinutes(3),
        }, ResourceConsole.To(TextWriter.Synchronized(log)), CancellationToken.None);
        Assert.Contains("created table messages", log.ToString(), StringComparison.Ordinal);

        using var client = DynamoDbClients.For(stack);
        var table = (await client.DescribeTableAsync("messages")).Table;
        Assert.Equal("ACTIVE", table.TableStatus.Value);
        Assert.Equal(["room:HASH", "sentAt:RANGE"], table.KeySchema.Select(k => $"{k.AttributeName}:{k.KeyType.Value}"));
        var global = Assert.Single(table.GlobalSecondaryIndexes);
        Assert.Equal("byAuthor", global.IndexName);
        Assert.Equal("INCLUDE", global.Projection.ProjectionType.Value);
        Assert.Equal(["text"], global.Projection.NonKeyAttributes);
        var local = Assert.Single(table.LocalSecondaryIndexes);
        Assert.Equal("byRoomAuthor", local.IndexName);
        Assert.Equal("KEYS_ONLY", local.Projection.ProjectionType.Value);

        await client.PutItemAsync(new PutItemRequest
        {
            TableName = "messages",
            Item = new()
            {
                ["room"] = new() { S = "lobby" },
                ["sentAt"] = new() { N = "1" },
                ["author"] = new() { S = "queen" },
                ["text"] = new() { S = "hey" },
            },
        });
        var byAuthor = await client.QueryAsync(new QueryRequest
        {
            TableName = "messages",
            IndexName = "byAuthor",
            KeyConditionExpression = "author = :a",
            ExpressionAttributeValues = new() { [":a"] = new() { S = "queen" } },
        });
        Assert.Equal("hey", Assert.Single(byAuthor.Items)["text"].S);
        var byRoomAuthor = await client.QueryAsync(new QueryRequest
        {
            TableName = "messages",
            IndexName = "byRoomAuthor",
            KeyConditionExpression = "room = :r AND author = :a",
            ExpressionAttributeValues = new() { [":r"] = new() { S = "lobby" }, [":a"] = new() { S = "queen" } },
        });
        Assert.False(Assert.Single(byRoomAuthor.Items).ContainsKey("text"), "a KEYS_ONLY index holds only the keys");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
