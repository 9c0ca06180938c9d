using System.Text.Json.Serialization;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting.Processes;

// The shapes of DynamoDB's JSON protocol the stack sends and reads (DescribeTable, CreateTable, errors).

internal sealed record DescribeTableRequest(string TableName);

internal sealed record DescribeTableResponse(TableDescription? Table);

internal sealed record TableDescription(string? TableName, string? TableStatus);

internal sealed record CreateTableResponse(TableDescription? TableDescription);

internal sealed record CreateTableRequest(
    string TableName,
    IReadOnlyList<KeySchemaElement> KeySchema,
    IReadOnlyList<AttributeDefinition> AttributeDefinitions,
    string BillingMode,
    IReadOnlyList<SecondaryIndex>? GlobalSecondaryIndexes,
    IReadOnlyList<SecondaryIndex>? LocalSecondaryIndexes);

internal sealed record SecondaryIndex(string IndexName, IReadOnlyList<KeySchemaElement> KeySchema, Projection Projection);

internal sealed record Projection(string ProjectionType, IReadOnlyList<string>? NonKeyAttributes);

/// <summary>DynamoDB names the message <c>message</c>, and some errors <c>Message</c>.</summary>
internal sealed record DynamoDbError(
    [property: JsonPropertyName("__type")] string? Type,
    [property: JsonPropertyName("message")] string? Message,
    [property: JsonPropertyName("Message")] string? UpperMessage);

[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DescribeTableRequest))]
[JsonSerializable(typeof(DescribeTableResponse))]
[JsonSerializable(typeof(CreateTableRequest))]
[JsonSerializable(typeof(CreateTableResponse))]
[JsonSerializable(typeof(DynamoDbError))]
internal sealed partial class DynamoDbJson : JsonSerializerContext;
