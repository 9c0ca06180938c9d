using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Finds the one WebSocket API of the template and assembles it with everything attached to it.</summary>
internal static class WebSocketApiBuilder
{
    public static WebSocketApiModel? Build(BuildContext context, IReadOnlyCollection<FunctionModel> functions)
    {
        var api = FindWebSocketApi(context);
        if (api is null)
        {
            return null;
        }

        var properties = context.Properties(api);
        var name = properties.RequiredString("Name");
        var routeSelection = properties.RequiredString("RouteSelectionExpression");
        if (routeSelection is not null && !SelectionExpressions.IsValidRouteSelection(routeSelection))
        {
            context.Diagnostics.Error(properties.At("RouteSelectionExpression"), api.LogicalId, $"RouteSelectionExpression '{routeSelection}' is malformed: {SelectionExpressions.RouteSelectionHint}.");
        }

        var apiKeySelection = properties.String("ApiKeySelectionExpression");
        if (apiKeySelection is not null and not ("$request.header.x-api-key" or "$context.authorizer.usageIdentifierKey"))
        {
            context.Diagnostics.Error(properties.At("ApiKeySelectionExpression"), api.LogicalId, $"ApiKeySelectionExpression '{apiKeySelection}' must be $request.header.x-api-key or $context.authorizer.usageIdentifierKey.");
        }

        // Children of other (non-emulated) APIs are skipped: the API itself was already reported.
        IEnumerable<ResourceDeclaration> Attached(string type) =>
            context.Included(type).Where(r => ResourceReferences.ApiOf(r, context) == api.LogicalId);

        var authorizers = Ordered.ByKey(
            Attached(ResourceTypes.Authorizer).Select(a => AuthorizerBuilder.Build(a, functions, context)).OfType<AuthorizerModel>(),
            a => a.LogicalId);
        var integrations = BuildIntegrations(Attached(ResourceTypes.Integration).ToList(), Attached(ResourceTypes.IntegrationResponse).ToList(), functions, context);
        var routes = BuildRoutes(Attached(ResourceTypes.Route).ToList(), Attached(ResourceTypes.RouteResponse).ToList(), context);
        _ = Attached(ResourceTypes.Deployment).Concat(Attached(ResourceTypes.ApiModel)).ToList(); // ApiId checks only.
        var stage = BuildStage(api, Attached(ResourceTypes.Stage).ToList(), context);

        if (name is null || routeSelection is null || stage is null)
        {
            return null;
        }

        return new WebSocketApiModel
        {
            LogicalId = api.LogicalId,
            Name = name,
            ApiId = context.Physical.Ref(api.LogicalId),
            RouteSelectionExpression = routeSelection,
            ApiKeySelectionExpression = apiKeySelection,
            Routes = routes,
            Integrations = integrations,
            Authorizers = authorizers,
            Stage = stage,
        };
    }

    private static ResourceDeclaration? FindWebSocketApi(BuildContext context)
    {
        var webSockets = new List<ResourceDeclaration>();
        foreach (var api in context.Included(ResourceTypes.Api))
        {
            var properties = context.Properties(api);
            var protocol = properties.RequiredString("ProtocolType");
            if (protocol == "WEBSOCKET")
            {
                webSockets.Add(api);
            }
            else if (protocol is not null)
            {
                context.Diagnostics.Warning(api.Location, api.LogicalId, $"not emulated: this {protocol} API is ignored; only WebSocket APIs run locally.");
            }
        }

        switch (webSockets.Count)
        {
            case 1:
                return webSockets[0];
            case 0:
                context.Diagnostics.Error(context.Document.Root.Entry("Resources")?.KeyLocation ?? context.Document.Root.Location, null, "The template has no AWS::ApiGatewayV2::Api with ProtocolType WEBSOCKET; there is nothing to run locally.");
                return null;
            default:
                var names = string.Join(", ", webSockets.Select(a => a.LogicalId));
                context.Diagnostics.Error(webSockets[1].Location, webSockets[1].LogicalId, $"Only one WebSocket API can be emulated, but the template has {webSockets.Count}: {names}.");
                return null;
        }
    }

    private static OrderedDictionary<string, IntegrationModel> BuildIntegrations(
        List<ResourceDeclaration> declarations, List<ResourceDeclaration> responseDeclarations, IReadOnlyCollection<FunctionModel> functions, BuildContext context)
    {
        var responses = responseDeclarations
            .Select(r => IntegrationBuilder.BuildResponse(r, context))
            .OfType<(string IntegrationId, IntegrationResponseModel Response)>()
            .ToList();
        return Ordered.ByKey(
            declarations
                .Select(i => IntegrationBuilder.Build(i, functions, context))
                .OfType<IntegrationModel>()
                .Select(i => i with { Responses = responses.Where(r => r.IntegrationId == i.LogicalId).Select(r => r.Response).ToList() }),
            i => i.LogicalId);
    }

    private static OrderedDictionary<string, RouteModel> BuildRoutes(List<ResourceDeclaration> declarations, List<ResourceDeclaration> responseDeclarations, BuildContext context)
    {
        var responses = responseDeclarations
            .Select(r => RouteBuilder.BuildResponse(r, context))
            .OfType<(string RouteId, string Key)>()
            .ToList();
        var routes = new OrderedDictionary<string, RouteModel>(StringComparer.Ordinal);
        foreach (var declaration in declarations)
        {
            if (RouteBuilder.Build(declaration, context) is not { } route)
            {
                continue;
            }

            if (routes.TryGetValue(route.RouteKey, out var first))
            {
                var at = context.Properties(declaration).At("RouteKey");
                var firstAt = context.Properties(context.Document.Resources[first.LogicalId]).At("RouteKey");
                context.Diagnostics.Error(at, route.LogicalId, $"Duplicate route key '{route.RouteKey}': route '{first.LogicalId}' (line {firstAt.Line}) already uses it.");
                continue;
            }

            routes[route.RouteKey] = route with
            {
                RouteResponseKeys = responses.Where(r => r.RouteId == route.LogicalId).Select(r => r.Key).ToList(),
            };
        }

        return routes;
    }

    private static StageModel? BuildStage(ResourceDeclaration api, List<ResourceDeclaration> stages, BuildContext context)
    {
        if (stages.Count == 0)
        {
            // A stage whose ApiId is wrong was already reported; "no stage" on top of that would only mislead.
            var misattached = context.Included(ResourceTypes.Stage).Any(s => ResourceReferences.ApiOf(s, context) is null);
            if (!misattached)
            {
                context.Diagnostics.Error(api.Location, api.LogicalId, $"The WebSocket API has no AWS::ApiGatewayV2::Stage; add one with ApiId: !Ref {api.LogicalId} (its StageName is the last segment of the URL).");
            }

            return null;
        }

        foreach (var extra in stages.Skip(1))
        {
            context.Diagnostics.Warning(extra.Location, extra.LogicalId, $"Only one stage is served locally; '{stages[0].LogicalId}' is, this one is not.");
        }

        return StageBuilder.Build(stages[0], context);
    }
}
