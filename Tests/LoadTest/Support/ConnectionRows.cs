using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;

namespace WebSocketAspire.LoadTest.Support;

/// <summary>Counts the target's connection rows (a consistent scan), to check that every $connect put one and every $disconnect removed it.</summary>
internal sealed class ConnectionRows(Uri endpoint, string table) : IDisposable
{
    private readonly AmazonDynamoDBClient _client = new(new BasicAWSCredentials("load", "test"), new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = "us-east-1" });

    public async Task<int> CountAsync()
    {
        var count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _client.ScanAsync(new ScanRequest { TableName = table, Select = Select.COUNT, ConsistentRead = true, ExclusiveStartKey = start });
            count += page.Count ?? 0;
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);
        return count;
    }

    /// <summary>Polls until the count is <paramref name="expected"/> or the deadline passes; returns the last count.</summary>
    public async Task<int> WaitForAsync(int expected, TimeSpan deadline)
    {
        using var until = new CancellationTokenSource(deadline);
        using var poll = new PeriodicTimer(TimeSpan.FromMilliseconds(250));
        var count = await CountAsync();
        try
        {
            while (count != expected && await poll.WaitForNextTickAsync(until.Token))
            {
                count = await CountAsync();
            }
        }
        catch (OperationCanceledException) when (until.IsCancellationRequested)
        {
            // The deadline passed: the last count is the answer.
        }
        return count;
    }

    public void Dispose() => _client.Dispose();
}
