using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Builds <see cref="RouteModel"/>s and reads route responses.</summary>
internal static class RouteBuilder
{
    public const string Connect = "$connect";
    public const string Disconnect = "$disconnect";
    public const string Default = "$default";

    private const string TargetPrefix = "integrations/";
    private static readonly string[] AuthorizationTypes = ["NONE", "AWS_IAM", "CUSTOM"];

    public static RouteModel? Build(ResourceDeclaration resource, BuildContext context)
    {
        var properties = context.Properties(resource);
        var routeKey = properties.RequiredString("RouteKey");
        if (routeKey is not null && routeKey.StartsWith('$') && routeKey is not (Connect or Disconnect or Default))
        {
            context.Diagnostics.Error(properties.At("RouteKey"), resource.LogicalId, $"Route key '{routeKey}' is not allowed: only $connect, $disconnect and $default may start with '$'{Suggestions.DidYouMean(routeKey, [Connect, Disconnect, Default])}");
        }

        var authorization = properties.String("AuthorizationType") ?? "NONE";
        if (!AuthorizationTypes.Contains(authorization))
        {
            context.Diagnostics.Error(properties.At("AuthorizationType"), resource.LogicalId, $"AuthorizationType '{authorization}' must be NONE, AWS_IAM or CUSTOM{Suggestions.DidYouMean(authorization, AuthorizationTypes)}");
        }

        var authorizerId = ResourceReferences.LogicalIdOf(properties, "AuthorizerId", ResourceTypes.Authorizer, context, required: false);
        if (authorization == "CUSTOM" && !properties.Has("AuthorizerId"))
        {
            context.Diagnostics.Error(properties.At("AuthorizationType"), resource.LogicalId, "AuthorizationType CUSTOM needs an AuthorizerId.");
        }
        else if (properties.Has("AuthorizerId") && authorization != "CUSTOM")
        {
            context.Diagnostics.Error(properties.At("AuthorizerId"), resource.LogicalId, $"AuthorizerId is set but AuthorizationType is {authorization}; set AuthorizationType: CUSTOM.");
        }

        if (authorization != "NONE" && routeKey is not null and not Connect)
        {
            context.Diagnostics.Error(properties.At("AuthorizationType"), resource.LogicalId, $"Route '{routeKey}' has AuthorizationType {authorization}: a WebSocket API authorizes only on $connect.");
        }

        var selection = properties.String("RouteResponseSelectionExpression");
        if (selection is not null && !SelectionExpressions.IsValidRouteResponseSelection(selection))
        {
            context.Diagnostics.Error(properties.At("RouteResponseSelectionExpression"), resource.LogicalId, $"RouteResponseSelectionExpression '{selection}' is not supported: WebSocket APIs only accept $default.");
        }

        var integrationId = IntegrationOf(properties, context);
        if (routeKey is null)
        {
            return null;
        }

        return new RouteModel
        {
            LogicalId = resource.LogicalId,
            RouteKey = routeKey,
            AuthorizationType = authorization,
            AuthorizerId = authorizerId,
            IntegrationId = integrationId,
            ApiKeyRequired = properties.Bool("ApiKeyRequired") ?? false,
            RouteResponseSelectionExpression = selection,
            ModelSelectionExpression = properties.String("ModelSelectionExpression"),
            RequestModels = properties.StringMap("RequestModels"),
        };
    }

    public static (string RouteId, string Key)? BuildResponse(ResourceDeclaration resource, BuildContext context)
    {
        var properties = context.Properties(resource);
        var routeId = ResourceReferences.LogicalIdOf(properties, "RouteId", ResourceTypes.Route, context, required: true);
        var key = properties.RequiredString("RouteResponseKey");
        if (key is not null and not Default)
        {
            context.Diagnostics.Error(properties.At("RouteResponseKey"), resource.LogicalId, $"RouteResponseKey '{key}' is not supported: WebSocket route responses only use $default.");
        }

        return routeId is null || key is null ? null : (routeId, key);
    }

    private static string? IntegrationOf(PropertyReader properties, BuildContext context)
    {
        var target = properties.String("Target");
        if (target is null)
        {
            return null;
        }

        var integrations = context.Document.OfType(ResourceTypes.Integration).Select(i => i.LogicalId).ToList();
        if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal))
        {
            var hint = Suggestions.Closest(target, integrations) is { } close ? $"; did you mean !Sub integrations/${{{close}}}?" : ".";
            context.Diagnostics.Error(properties.At("Target"), properties.LogicalId, $"Target '{target}' must be 'integrations/{{IntegrationId}}'{hint}");
            return null;
        }

        var id = target[TargetPrefix.Length..];
        if (context.Document.Resources.TryGetValue(id, out var integration) && integration.Type == ResourceTypes.Integration)
        {
            return id;
        }

        var known = Suggestions.Closest(id, integrations) is { } nearest ? $"; did you mean '{nearest}'?"
            : integrations.Count > 0 ? $"; the integrations are {string.Join(", ", integrations)}." : "; the template has no AWS::ApiGatewayV2::Integration.";
        context.Diagnostics.Error(properties.At("Target"), properties.LogicalId, $"Target '{target}' names no integration{known}");
        return null;
    }
}
