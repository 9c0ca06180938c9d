using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Builds a <see cref="TableModel"/> from an AWS::DynamoDB::Table or AWS::Serverless::SimpleTable.</summary>
internal static class TableBuilder
{
    public static TableModel Build(ResourceDeclaration resource, PropertyReader properties, LocalPhysicalValues physical) =>
        resource.Type == ResourceTypes.SimpleTable ? BuildSimple(resource, properties, physical) : BuildTable(resource, properties, physical);

    private static TableModel BuildSimple(ResourceDeclaration resource, PropertyReader properties, LocalPhysicalValues physical)
    {
        var key = properties.Nested("PrimaryKey");
        var name = key?.String("Name") ?? "id";
        var type = key?.String("Type") ?? "String";
        var attributeType = type switch
        {
            "String" => "S",
            "Number" => "N",
            "Binary" => "B",
            _ => null,
        };
        if (attributeType is null)
        {
            properties.Diagnostics.Error(key!.At("Type"), resource.LogicalId, $"PrimaryKey.Type '{type}' must be String, Number or Binary.");
        }

        return new TableModel
        {
            LogicalId = resource.LogicalId,
            TableName = physical.TableName(resource.LogicalId),
            KeySchema = [new KeySchemaElement(name, "HASH")],
            AttributeDefinitions = [new AttributeDefinition(name, attributeType ?? "S")],
            BillingMode = properties.Has("ProvisionedThroughput") ? "PROVISIONED" : "PAY_PER_REQUEST",
        };
    }

    private static TableModel BuildTable(ResourceDeclaration resource, PropertyReader properties, LocalPhysicalValues physical)
    {
        var attributes = Items(properties, properties.Properties["AttributeDefinitions"], "AttributeDefinitions")
            .Select(a => new AttributeDefinition(a.RequiredString("AttributeName") ?? string.Empty, a.RequiredString("AttributeType") ?? "S"))
            .ToList();
        var keySchema = KeySchema(properties, properties.Properties["KeySchema"], "KeySchema", attributes);
        if (keySchema.Count == 0)
        {
            properties.Diagnostics.Error(properties.At("KeySchema"), resource.LogicalId, "KeySchema must name a HASH key.");
        }

        return new TableModel
        {
            LogicalId = resource.LogicalId,
            TableName = physical.TableName(resource.LogicalId),
            KeySchema = keySchema,
            AttributeDefinitions = attributes,
            GlobalSecondaryIndexes = Indexes(properties, "GlobalSecondaryIndexes", attributes),
            LocalSecondaryIndexes = Indexes(properties, "LocalSecondaryIndexes", attributes),
            // CloudFormation's own default is PROVISIONED; locally the mode changes nothing but is kept faithfully.
            BillingMode = properties.String("BillingMode") ?? "PROVISIONED",
        };
    }

    private static List<SecondaryIndexModel> Indexes(PropertyReader properties, string key, List<AttributeDefinition> attributes) =>
        Items(properties, properties.Properties[key], key)
            .Select(index => new SecondaryIndexModel
            {
                IndexName = index.RequiredString("IndexName") ?? string.Empty,
                KeySchema = KeySchema(index, index.Properties["KeySchema"], $"{key}.KeySchema", attributes),
                ProjectionType = index.Nested("Projection")?.String("ProjectionType") ?? "ALL",
                NonKeyAttributes = index.Nested("Projection")?.StringList("NonKeyAttributes") ?? [],
            })
            .ToList();

    private static List<KeySchemaElement> KeySchema(PropertyReader owner, TemplateNode? node, string key, List<AttributeDefinition> attributes)
    {
        var elements = new List<KeySchemaElement>();
        foreach (var element in Items(owner, node, key))
        {
            var name = element.RequiredString("AttributeName") ?? string.Empty;
            var keyType = element.RequiredString("KeyType") ?? "HASH";
            if (keyType is not ("HASH" or "RANGE"))
            {
                owner.Diagnostics.Error(element.At("KeyType"), owner.LogicalId, $"{key} KeyType '{keyType}' must be HASH or RANGE.");
            }

            if (name.Length > 0 && !attributes.Exists(a => a.AttributeName == name))
            {
                owner.Diagnostics.Error(element.At("AttributeName"), owner.LogicalId, $"{key} names attribute '{name}', which AttributeDefinitions does not define{Diagnostics.Suggestions.DidYouMean(name, attributes.Select(a => a.AttributeName))}");
            }

            elements.Add(new KeySchemaElement(name, keyType));
        }

        return elements;
    }

    private static IEnumerable<PropertyReader> Items(PropertyReader owner, TemplateNode? node, string key)
    {
        if (node is null)
        {
            yield break;
        }

        if (node is not ListNode list)
        {
            owner.Diagnostics.Error(node.Location, owner.LogicalId, $"{key} must be a list.");
            yield break;
        }

        foreach (var item in list.Items)
        {
            if (item is MapNode map)
            {
                yield return new PropertyReader(map, owner.LogicalId, owner.Diagnostics);
            }
            else
            {
                owner.Diagnostics.Error(item.Location, owner.LogicalId, $"Each item of {key} must be a mapping.");
            }
        }
    }
}
