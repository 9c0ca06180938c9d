using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>Creates the template's tables in the local DynamoDB; a table that already exists is kept with its data.</summary>
internal static class TableProvisioner
{
    public static AmazonDynamoDBClient CreateClient(Uri endpoint, string region, AWSCredentials credentials) =>
        new(credentials, new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region });

    /// <summary>Returns the tables it created (the rest already existed).</summary>
    public static async Task<IReadOnlyList<string>> EnsureTablesAsync(IAmazonDynamoDB client, IEnumerable<TableModel> tables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var created = new List<string>();
        foreach (var table in tables)
        {
            try
            {
                await client.DescribeTableAsync(table.TableName, cancellationToken);
                continue;
            }
            catch (ResourceNotFoundException)
            {
                // Create it below.
            }
            await client.CreateTableAsync(ToRequest(table), cancellationToken);
            await WaitUntilActiveAsync(client, table.TableName, cancellationToken);
            created.Add(table.TableName);
        }
        return created;
    }

    /// <summary>
    /// A new table is CREATING first, and DynamoDB (and dynalite) answer ResourceNotFoundException to
    /// writes until it is ACTIVE: the stack does not start before its tables can take a row.
    /// </summary>
    private static async Task WaitUntilActiveAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var described = await client.DescribeTableAsync(tableName, deadline.Token);
            if (described.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }

    internal static CreateTableRequest ToRequest(TableModel table)
    {
        var request = new CreateTableRequest
        {
            TableName = table.TableName,
            KeySchema = [.. table.KeySchema.Select(Key)],
            AttributeDefinitions = [.. table.AttributeDefinitions.Select(a => new Amazon.DynamoDBv2.Model.AttributeDefinition(a.AttributeName, new ScalarAttributeType(a.AttributeType)))],
            BillingMode = BillingMode.PAY_PER_REQUEST,
        };
        if (table.GlobalSecondaryIndexes.Count > 0)
        {
            request.GlobalSecondaryIndexes = [.. table.GlobalSecondaryIndexes.Select(i => new GlobalSecondaryIndex
            {
                IndexName = i.IndexName,
                KeySchema = [.. i.KeySchema.Select(Key)],
                Projection = Projection(i),
            })];
        }
        if (table.LocalSecondaryIndexes.Count > 0)
        {
            request.LocalSecondaryIndexes = [.. table.LocalSecondaryIndexes.Select(i => new LocalSecondaryIndex
            {
                IndexName = i.IndexName,
                KeySchema = [.. i.KeySchema.Select(Key)],
                Projection = Projection(i),
            })];
        }
        return request;
    }

    private static Amazon.DynamoDBv2.Model.KeySchemaElement Key(Infrastructure.Template.Model.KeySchemaElement key) =>
        new(key.AttributeName, new KeyType(key.KeyType));

    private static Projection Projection(SecondaryIndexModel index) => new()
    {
        ProjectionType = new ProjectionType(index.ProjectionType),
        NonKeyAttributes = index.NonKeyAttributes.Count > 0 ? [.. index.NonKeyAttributes] : null,
    };
}
