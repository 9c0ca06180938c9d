using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace WebSocketAspire.Functions.Storage;

/// <summary>The connection table from template.yaml: hash key <c>connectionId</c> (S), nothing else.</summary>
internal sealed class DynamoDbConnectionStore(IAmazonDynamoDB dynamoDb, string tableName) : IConnectionStore
{
    public const string KeyAttribute = "connectionId";

    public Task PutAsync(string connectionId, CancellationToken cancellationToken) =>
        dynamoDb.PutItemAsync(
            new PutItemRequest { TableName = tableName, Item = Key(connectionId) },
            cancellationToken);

    public Task DeleteAsync(string connectionId, CancellationToken cancellationToken) =>
        dynamoDb.DeleteItemAsync(
            new DeleteItemRequest { TableName = tableName, Key = Key(connectionId) },
            cancellationToken);

    private static Dictionary<string, AttributeValue> Key(string connectionId) =>
        new() { [KeyAttribute] = new AttributeValue { S = connectionId } };
}
