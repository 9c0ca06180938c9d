using Amazon.DynamoDBv2;
using Amazon.Runtime;
using WebSocketAspire.Infrastructure.Hosting.Local;

namespace WebSocketAspire.Tests.AppHost.Support;

/// <summary>The AWS SDK's DynamoDB client, pointed at a local stack's store: the tests read and write rows as a user's code would.</summary>
internal static class DynamoDbClients
{
    public static AmazonDynamoDBClient Create(Uri endpoint, string region, string accessKeyId, string secretAccessKey) =>
        new(new BasicAWSCredentials(accessKeyId, secretAccessKey), new AmazonDynamoDBConfig { ServiceURL = endpoint.ToString(), AuthenticationRegion = region });

    public static AmazonDynamoDBClient For(LocalStack stack) =>
        Create(stack.DynamoDbEndpoint, stack.Stack.Environment.Region, stack.Credentials.AccessKeyId, stack.Credentials.SecretAccessKey);
}
