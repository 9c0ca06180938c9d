using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Resolution;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Checks that properties such as ApiId, AuthorizerId and RouteId refer to a resource of the right type.</summary>
internal static class ResourceReferences
{
    /// <summary>
    /// The logical id of the API an ApiGatewayV2 resource belongs to. ApiId must be written as a reference
    /// (<c>!Ref Api</c> or <c>!GetAtt Api.ApiId</c>): a literal id could only name an API outside the template.
    /// </summary>
    public static string? ApiOf(ResourceDeclaration resource, BuildContext context)
    {
        var raw = resource.Properties["ApiId"];
        var at = resource.Properties.Entry("ApiId")?.KeyLocation ?? resource.Location;
        string? target = raw switch
        {
            MapNode { Entries: [{ Key: "Ref", Value: ScalarNode name }] } => name.Value,
            MapNode { Entries: [{ Key: "Fn::GetAtt", Value: ListNode { Items: [ScalarNode name, ScalarNode { Value: "ApiId" }] } }] } => name.Value,
            MapNode { Entries: [{ Key: "Fn::GetAtt", Value: ScalarNode { Value: var dotted } }] } when dotted.EndsWith(".ApiId", StringComparison.Ordinal) => dotted[..^6],
            _ => null,
        };

        var apis = context.Document.OfType(ResourceTypes.Api).Select(a => a.LogicalId).ToList();
        var example = apis.Count > 0 ? apis[0] : "MyApi";
        if (raw is null)
        {
            context.Diagnostics.Error(resource.Location, resource.LogicalId, $"The required property ApiId is missing; set it to !Ref {example}.");
            return null;
        }

        if (target is null)
        {
            var literal = raw is ScalarNode s ? $"'{s.Value}' " : string.Empty;
            var hint = raw is ScalarNode text && Suggestions.Closest(text.Value, apis) is { } close ? $"; did you mean !Ref {close}?" : $"; write !Ref {example}.";
            context.Diagnostics.Error(at, resource.LogicalId, $"ApiId {literal}must be a reference to an AWS::ApiGatewayV2::Api of this template{hint}");
            return null;
        }

        if (context.Document.Resources.TryGetValue(target, out var api) && api.Type == ResourceTypes.Api)
        {
            return target;
        }

        var actual = api is null ? string.Empty : $", but '{target}' is {api.Type}";
        context.Diagnostics.Error(at, resource.LogicalId, $"ApiId must refer to an AWS::ApiGatewayV2::Api{actual}{Suggestions.DidYouMean(target, apis)}");
        return null;
    }

    /// <summary>
    /// Resolves a property that names another resource by logical id (Ref of an ApiGatewayV2 child resource
    /// returns its logical id locally) and checks the type.
    /// </summary>
    public static string? LogicalIdOf(PropertyReader properties, string key, string expectedType, BuildContext context, bool required)
    {
        var value = required ? properties.RequiredString(key) : properties.String(key);
        if (value is null)
        {
            return null;
        }

        var candidates = context.Document.OfType(expectedType).Select(r => r.LogicalId);
        if (context.Document.Resources.TryGetValue(value, out var target) && target.Type == expectedType)
        {
            return value;
        }

        var what = target is null ? "names no resource" : $"is {target.Type}";
        context.Diagnostics.Error(properties.At(key), properties.LogicalId, $"{key} '{value}' {what}; it must refer to an {expectedType}{Suggestions.DidYouMean(value, candidates)}");
        return null;
    }
}
