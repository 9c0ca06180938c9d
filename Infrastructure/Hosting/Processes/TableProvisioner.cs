using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>Creates the template's tables in the local DynamoDB; a table that already exists is kept with its data.</summary>
internal static class TableProvisioner
{
    /// <summary>How often a new table's status is read until it is ACTIVE, and for how long.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);
    private static readonly TimeSpan ActiveTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Returns the tables it created (the rest already existed).</summary>
    public static async Task<IReadOnlyList<string>> EnsureTablesAsync(DynamoDbTablesClient client, IEnumerable<TableModel> tables, TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var created = new List<string>();
        foreach (var table in tables)
        {
            if (await client.DescribeTableStatusAsync(table.TableName, cancellationToken) is not null)
            {
                continue;
            }
            await client.CreateTableAsync(table, cancellationToken);
            await WaitUntilActiveAsync(client, table.TableName, time, cancellationToken);
            created.Add(table.TableName);
        }
        return created;
    }

    /// <summary>
    /// A new table is CREATING first, and DynamoDB (and dynalite) answer ResourceNotFoundException to
    /// writes until it is ACTIVE: the stack does not start before its tables can take a row.
    /// </summary>
    private static async Task WaitUntilActiveAsync(DynamoDbTablesClient client, string tableName, TimeProvider time, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(ActiveTimeout);
        while (await client.DescribeTableStatusAsync(tableName, deadline.Token) != "ACTIVE")
        {
            await Task.Delay(PollInterval, time, deadline.Token);
        }
    }
}
