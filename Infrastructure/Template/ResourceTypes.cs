namespace WebSocketAspire.Infrastructure.Template;

/// <summary>The resource type names the local stack understands.</summary>
internal static class ResourceTypes
{
    public const string Api = "AWS::ApiGatewayV2::Api";
    public const string Route = "AWS::ApiGatewayV2::Route";
    public const string RouteResponse = "AWS::ApiGatewayV2::RouteResponse";
    public const string Integration = "AWS::ApiGatewayV2::Integration";
    public const string IntegrationResponse = "AWS::ApiGatewayV2::IntegrationResponse";
    public const string Authorizer = "AWS::ApiGatewayV2::Authorizer";
    public const string Stage = "AWS::ApiGatewayV2::Stage";
    public const string Deployment = "AWS::ApiGatewayV2::Deployment";
    public const string ApiModel = "AWS::ApiGatewayV2::Model";
    public const string ServerlessFunction = "AWS::Serverless::Function";
    public const string LambdaFunction = "AWS::Lambda::Function";
    public const string SimpleTable = "AWS::Serverless::SimpleTable";
    public const string DynamoDbTable = "AWS::DynamoDB::Table";

    public const string SamTransform = "AWS::Serverless-2016-10-31";

    public static bool IsFunction(string type) => type is ServerlessFunction or LambdaFunction;

    public static bool IsTable(string type) => type is SimpleTable or DynamoDbTable;

    public static bool IsEmulated(string type) => type is Api or Route or RouteResponse or Integration or IntegrationResponse
        or Authorizer or Stage or Deployment or ApiModel or ServerlessFunction or LambdaFunction or SimpleTable or DynamoDbTable;

    /// <summary>Attributes Fn::GetAtt may ask of an emulated type; other types accept any attribute (and are warned about).</summary>
    public static IReadOnlyList<string>? AttributesOf(string type) => type switch
    {
        Api => ["ApiEndpoint", "ApiId"],
        ServerlessFunction or LambdaFunction => ["Arn"],
        SimpleTable or DynamoDbTable => ["Arn", "StreamArn"],
        Route => ["RouteId"],
        RouteResponse => ["RouteResponseId"],
        Integration => ["IntegrationResponseSelectionExpression"],
        IntegrationResponse => ["IntegrationResponseId"],
        Authorizer => ["AuthorizerId"],
        Deployment => ["DeploymentId"],
        ApiModel => ["ModelId"],
        Stage => [],
        _ => null,
    };
}
