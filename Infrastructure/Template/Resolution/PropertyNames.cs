using WebSocketAspire.Infrastructure.Template.Diagnostics;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>
/// The property names CloudFormation accepts for each emulated type. A misspelt property would be rejected on
/// deploy, so for the API Gateway types (whose schemas are small and stable) it is an error here too; for
/// function and table types, whose schemas keep growing, an unknown name is only a warning.
/// </summary>
internal static class PropertyNames
{
    private static readonly Dictionary<string, string[]> Known = new(StringComparer.Ordinal)
    {
        [ResourceTypes.Api] =
        [
            "ApiKeySelectionExpression", "BasePath", "Body", "BodyS3Location", "CorsConfiguration", "CredentialsArn",
            "Description", "DisableExecuteApiEndpoint", "DisableSchemaValidation", "FailOnWarnings", "IpAddressType",
            "Name", "ProtocolType", "RouteKey", "RouteSelectionExpression", "Tags", "Target", "Version",
        ],
        [ResourceTypes.Route] =
        [
            "ApiId", "ApiKeyRequired", "AuthorizationScopes", "AuthorizationType", "AuthorizerId", "ModelSelectionExpression",
            "OperationName", "RequestModels", "RequestParameters", "RouteKey", "RouteResponseSelectionExpression", "Target",
        ],
        [ResourceTypes.RouteResponse] =
        [
            "ApiId", "ModelSelectionExpression", "ResponseModels", "ResponseParameters", "RouteId", "RouteResponseKey",
        ],
        [ResourceTypes.Integration] =
        [
            "ApiId", "ConnectionId", "ConnectionType", "ContentHandlingStrategy", "CredentialsArn", "Description",
            "IntegrationMethod", "IntegrationSubtype", "IntegrationType", "IntegrationUri", "PassthroughBehavior",
            "PayloadFormatVersion", "RequestParameters", "RequestTemplates", "ResponseParameters",
            "TemplateSelectionExpression", "TimeoutInMillis", "TlsConfig",
        ],
        [ResourceTypes.IntegrationResponse] =
        [
            "ApiId", "ContentHandlingStrategy", "IntegrationId", "IntegrationResponseKey", "ResponseParameters",
            "ResponseTemplates", "TemplateSelectionExpression",
        ],
        [ResourceTypes.Authorizer] =
        [
            "ApiId", "AuthorizerCredentialsArn", "AuthorizerPayloadFormatVersion", "AuthorizerResultTtlInSeconds",
            "AuthorizerType", "AuthorizerUri", "EnableSimpleResponses", "IdentitySource", "IdentityValidationExpression",
            "JwtConfiguration", "Name",
        ],
        [ResourceTypes.Stage] =
        [
            "AccessLogSettings", "AccessPolicyId", "ApiId", "AutoDeploy", "ClientCertificateId", "DefaultRouteSettings",
            "DeploymentId", "Description", "RouteSettings", "StageName", "StageVariables", "Tags",
        ],
        [ResourceTypes.Deployment] = ["ApiId", "Description", "StageName"],
        [ResourceTypes.ApiModel] = ["ApiId", "ContentType", "Description", "Name", "Schema"],
        [ResourceTypes.ServerlessFunction] =
        [
            "Architectures", "AssumeRolePolicyDocument", "AutoPublishAlias", "AutoPublishAliasAllProperties",
            "AutoPublishCodeSha256", "CodeSigningConfigArn", "CodeUri", "DeadLetterQueue",
            "DeploymentPreference", "Description", "Environment", "EphemeralStorage", "EventInvokeConfig",
            "Events", "FileSystemConfigs", "FunctionName", "FunctionUrlConfig", "Handler",
            "ImageConfig", "ImageUri", "InlineCode", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize", "PackageType",
            "PermissionsBoundary", "Policies", "PropagateTags", "ProvisionedConcurrencyConfig", "RecursiveLoop", "ReservedConcurrentExecutions", "Role", "RolePath", "Runtime", "RuntimeManagementConfig",
            "SnapStart", "SourceKMSKeyArn", "Tags", "Timeout", "Tracing", "VersionDeletionPolicy",
            "VersionDescription", "VpcConfig",
        ],
        [ResourceTypes.LambdaFunction] =
        [
            "Architectures", "Code", "CodeSigningConfigArn", "DeadLetterConfig", "Description",
            "Environment", "EphemeralStorage", "FileSystemConfigs", "FunctionName",
            "Handler", "ImageConfig", "KmsKeyArn", "Layers", "LoggingConfig", "MemorySize", "PackageType",
            "RecursiveLoop", "ReservedConcurrentExecutions", "Role", "Runtime",
            "RuntimeManagementConfig", "SnapStart", "Tags", "Timeout", "TracingConfig", "VpcConfig",
        ],
        [ResourceTypes.DynamoDbTable] =
        [
            "AttributeDefinitions", "BillingMode", "ContributorInsightsSpecification", "DeletionProtectionEnabled",
            "GlobalSecondaryIndexes", "ImportSourceSpecification", "KeySchema", "KinesisStreamSpecification",
            "LocalSecondaryIndexes", "OnDemandThroughput", "PointInTimeRecoverySpecification", "ProvisionedThroughput",
            "ResourcePolicy", "SSESpecification", "StreamSpecification", "TableClass", "TableName", "Tags",
            "TimeToLiveSpecification", "WarmThroughput",
        ],
        [ResourceTypes.SimpleTable] =
        [
            "PointInTimeRecoverySpecification", "PrimaryKey", "ProvisionedThroughput", "SSESpecification", "TableName", "Tags",
        ],
    };

    public static void Check(TemplateDocument document, DiagnosticBag diagnostics)
    {
        foreach (var resource in document.Resources.Values)
        {
            if (!Known.TryGetValue(resource.Type, out var names))
            {
                continue;
            }

            var strict = resource.Type.StartsWith("AWS::ApiGatewayV2::", StringComparison.Ordinal);
            foreach (var entry in resource.Properties.Entries.Where(e => !names.Contains(e.Key)))
            {
                var message = $"{resource.Type} has no property '{entry.Key}'{Suggestions.DidYouMean(entry.Key, names)}";
                if (strict)
                {
                    diagnostics.Error(entry.KeyLocation, resource.LogicalId, message);
                }
                else
                {
                    diagnostics.Warning(entry.KeyLocation, resource.LogicalId, $"{message} It is ignored locally.");
                }
            }
        }
    }
}
