using WebSocketAspire.Infrastructure.Velocity;
using System.Text.RegularExpressions;
using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Builds <see cref="IntegrationModel"/>s and attaches their integration responses.</summary>
internal static class IntegrationBuilder
{
    private static readonly string[] Types = ["AWS_PROXY", "AWS", "MOCK", "HTTP_PROXY", "HTTP"];
    private static readonly string[] Passthroughs = ["WHEN_NO_MATCH", "NEVER", "WHEN_NO_TEMPLATES"];

    public static IntegrationModel? Build(ResourceDeclaration resource, IReadOnlyCollection<FunctionModel> functions, BuildContext context)
    {
        var properties = context.Properties(resource);
        var typeText = properties.RequiredString("IntegrationType");
        IntegrationType? type = typeText switch
        {
            "AWS_PROXY" => IntegrationType.AwsProxy,
            "AWS" => IntegrationType.Aws,
            "MOCK" => IntegrationType.Mock,
            "HTTP_PROXY" => IntegrationType.HttpProxy,
            "HTTP" => IntegrationType.Http,
            _ => null,
        };
        if (typeText is not null && type is null)
        {
            context.Diagnostics.Error(properties.At("IntegrationType"), resource.LogicalId, $"IntegrationType '{typeText}' is not one of {string.Join(", ", Types)}{Suggestions.DidYouMean(typeText, Types)}");
        }

        var functionId = type is IntegrationType.Aws or IntegrationType.AwsProxy
            ? FunctionUris.FunctionIdOf(properties, "IntegrationUri", functions, context)
            : null;

        var selection = properties.String("TemplateSelectionExpression");
        if (selection is not null && !SelectionExpressions.IsValidTemplateSelection(selection))
        {
            context.Diagnostics.Error(properties.At("TemplateSelectionExpression"), resource.LogicalId, $"TemplateSelectionExpression '{selection}' is malformed: {SelectionExpressions.TemplateSelectionHint}.");
        }

        var passthroughText = properties.String("PassthroughBehavior");
        PassthroughBehavior? passthrough = passthroughText switch
        {
            null or "WHEN_NO_MATCH" => PassthroughBehavior.WhenNoMatch,
            "NEVER" => PassthroughBehavior.Never,
            "WHEN_NO_TEMPLATES" => PassthroughBehavior.WhenNoTemplates,
            _ => null,
        };
        if (passthrough is null)
        {
            context.Diagnostics.Error(properties.At("PassthroughBehavior"), resource.LogicalId, $"PassthroughBehavior '{passthroughText}' is not one of {string.Join(", ", Passthroughs)}{Suggestions.DidYouMean(passthroughText!, Passthroughs)}");
        }

        var timeout = properties.Int("TimeoutInMillis", 50, 29_000);
        var requestTemplates = ParsedTemplates(properties, "RequestTemplates");

        if (type is null)
        {
            return null;
        }

        return new IntegrationModel
        {
            LogicalId = resource.LogicalId,
            Type = type.Value,
            IntegrationUri = properties.String("IntegrationUri"),
            FunctionId = functionId,
            RequestTemplates = requestTemplates,
            TemplateSelectionExpression = selection,
            PassthroughBehavior = passthrough ?? PassthroughBehavior.WhenNoMatch,
            TimeoutInMillis = timeout ?? 29_000,
            ContentHandlingStrategy = ContentHandling(properties, "ContentHandlingStrategy"),
            RequestParameters = properties.StringMap("RequestParameters"),
        };
    }

    public static (string IntegrationId, IntegrationResponseModel Response)? BuildResponse(ResourceDeclaration resource, BuildContext context)
    {
        var properties = context.Properties(resource);
        var integrationId = ResourceReferences.LogicalIdOf(properties, "IntegrationId", ResourceTypes.Integration, context, required: true);
        var key = properties.RequiredString("IntegrationResponseKey");
        if (key is not null && key != "$default" && !IsRegexKey(key))
        {
            context.Diagnostics.Error(properties.At("IntegrationResponseKey"), resource.LogicalId, $"IntegrationResponseKey '{key}' must be $default or a regular expression written /…/.");
        }

        var selection = properties.String("TemplateSelectionExpression");
        if (selection is not null && !SelectionExpressions.IsValidTemplateSelection(selection))
        {
            context.Diagnostics.Error(properties.At("TemplateSelectionExpression"), resource.LogicalId, $"TemplateSelectionExpression '{selection}' is malformed: {SelectionExpressions.TemplateSelectionHint}.");
        }
        var responseTemplates = ParsedTemplates(properties, "ResponseTemplates");

        if (integrationId is null || key is null)
        {
            return null;
        }

        return (integrationId, new IntegrationResponseModel
        {
            LogicalId = resource.LogicalId,
            IntegrationResponseKey = key,
            ResponseTemplates = responseTemplates,
            TemplateSelectionExpression = selection,
            ContentHandlingStrategy = ContentHandling(properties, "ContentHandlingStrategy"),
        });
    }

    /// <summary>The mapping templates under <paramref name="key"/>, each parsed now: a template that does not parse is a template error, not a failure of every message later.</summary>
    private static IReadOnlyDictionary<string, string> ParsedTemplates(PropertyReader properties, string key)
    {
        var templates = properties.StringMap(key);
        foreach (var (templateKey, source) in templates)
        {
            try
            {
                MappingTemplate.Parse(source, $"{properties.LogicalId} template '{templateKey}'");
            }
            catch (VelocityException e)
            {
                var at = properties.Map(key)?.Entry(templateKey)?.KeyLocation ?? properties.At(key);
                properties.Diagnostics.Error(at, properties.LogicalId, $"{key} '{templateKey}' does not parse: {e.Message}");
            }
        }
        return templates;
    }

    private static string? ContentHandling(PropertyReader properties, string key)
    {
        var value = properties.String(key);
        if (value is not null and not ("CONVERT_TO_BINARY" or "CONVERT_TO_TEXT"))
        {
            properties.Diagnostics.Error(properties.At(key), properties.LogicalId, $"{key} '{value}' must be CONVERT_TO_BINARY or CONVERT_TO_TEXT.");
        }

        return value;
    }

    private static bool IsRegexKey(string key)
    {
        if (key.Length < 2 || !key.StartsWith('/') || !key.EndsWith('/'))
        {
            return false;
        }

        try
        {
            _ = new Regex(key[1..^1], RegexOptions.None, TimeSpan.FromSeconds(1));
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
