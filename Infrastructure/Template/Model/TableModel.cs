namespace WebSocketAspire.Infrastructure.Template.Model;

/// <summary>An <c>AWS::DynamoDB::Table</c> or <c>AWS::Serverless::SimpleTable</c>.</summary>
public sealed record TableModel
{
    public required string LogicalId { get; init; }
    public required string TableName { get; init; }
    public required IReadOnlyList<KeySchemaElement> KeySchema { get; init; }
    public required IReadOnlyList<AttributeDefinition> AttributeDefinitions { get; init; }
    public IReadOnlyList<SecondaryIndexModel> GlobalSecondaryIndexes { get; init; } = [];
    public IReadOnlyList<SecondaryIndexModel> LocalSecondaryIndexes { get; init; } = [];
    public string BillingMode { get; init; } = "PAY_PER_REQUEST";
}

/// <summary><c>HASH</c> or <c>RANGE</c> key of a table or index.</summary>
public sealed record KeySchemaElement(string AttributeName, string KeyType);

/// <summary>Attribute type is <c>S</c>, <c>N</c> or <c>B</c>.</summary>
public sealed record AttributeDefinition(string AttributeName, string AttributeType);

public sealed record SecondaryIndexModel
{
    public required string IndexName { get; init; }
    public required IReadOnlyList<KeySchemaElement> KeySchema { get; init; }
    public string ProjectionType { get; init; } = "ALL";
    public IReadOnlyList<string> NonKeyAttributes { get; init; } = [];
}
