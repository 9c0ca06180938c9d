using System.Text.RegularExpressions;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Builds an <see cref="AuthorizerModel"/>; WebSocket APIs only take REQUEST authorizers backed by a Lambda function.</summary>
internal static partial class AuthorizerBuilder
{
    public static AuthorizerModel? Build(ResourceDeclaration resource, IReadOnlyCollection<FunctionModel> functions, BuildContext context)
    {
        var properties = context.Properties(resource);
        var type = properties.RequiredString("AuthorizerType");
        if (type is "TOKEN" or "JWT")
        {
            context.Diagnostics.Error(properties.At("AuthorizerType"), resource.LogicalId, $"AuthorizerType {type} is not supported by WebSocket APIs; use REQUEST (a Lambda authorizer that receives the identity sources).");
        }
        else if (type is not null and not "REQUEST")
        {
            context.Diagnostics.Error(properties.At("AuthorizerType"), resource.LogicalId, $"AuthorizerType '{type}' is not valid for a WebSocket API; use REQUEST.");
        }

        var identitySource = properties.StringList("IdentitySource");
        foreach (var source in identitySource.Where(s => !IdentitySourcePattern().IsMatch(s)))
        {
            context.Diagnostics.Error(properties.At("IdentitySource"), resource.LogicalId, $"Identity source '{source}' is not valid for a WebSocket API: use route.request.header.<name>, route.request.querystring.<name>, stageVariables.<name> or context.<name>.");
        }

        var name = properties.RequiredString("Name");
        var functionId = FunctionUris.FunctionIdOf(properties, "AuthorizerUri", functions, context);
        if (name is null || functionId is null || type is null)
        {
            return null;
        }

        return new AuthorizerModel
        {
            LogicalId = resource.LogicalId,
            Name = name,
            AuthorizerType = type,
            FunctionId = functionId,
            IdentitySource = identitySource,
        };
    }

    [GeneratedRegex(@"^(route\.request\.header\.[^\s.]+|route\.request\.querystring\.[^\s.]+|stageVariables\.[^\s.]+|context\.[A-Za-z0-9_.]*[A-Za-z0-9_])$")]
    private static partial Regex IdentitySourcePattern();
}
