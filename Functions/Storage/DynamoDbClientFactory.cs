using Amazon;
using Amazon.DynamoDBv2;
using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Functions.Storage;

/// <summary>Builds the DynamoDB client from standard AWS variables only (no "if local" branch).</summary>
internal static class DynamoDbClientFactory
{
    public const string EndpointVariable = "AWS_ENDPOINT_URL_DYNAMODB";
    public const string TableNameVariable = "TABLE_NAME";

    public static AmazonDynamoDBConfig CreateConfig(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var region = environment.GetRegion();
        var config = new AmazonDynamoDBConfig();
        if (environment.Get(EndpointVariable) is { } endpoint)
        {
            // ServiceURL replaces the regional endpoint; the region is still needed for signing.
            config.ServiceURL = endpoint;
            config.AuthenticationRegion = region;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(region);
        }
        return config;
    }

    public static DynamoDbConnectionStore CreateStore(IAmazonDynamoDB dynamoDb, IEnvironmentVariables environment) =>
        new(dynamoDb, environment.GetRequired(TableNameVariable, "to name the connections table"));
}
