using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>What the app model needs of a template before anything runs: the API's and the functions' logical ids, from the template as it reads now.</summary>
internal sealed record StackPreview(string? ApiLogicalId, IReadOnlyList<string> FunctionLogicalIds)
{
    public static StackPreview Read(WebSocketStackResource stack)
    {
        var result = TemplateLoader.Load(stack.TemplatePath, new StackEnvironment
        {
            Region = stack.Options.Region,
            ParameterOverrides = stack.Options.Parameters.ToDictionary(StringComparer.Ordinal),
        });
        if (result.Stack is { } model && !result.HasErrors)
        {
            return new StackPreview(model.Api.LogicalId, [.. model.Functions.Keys]);
        }
        // Invalid now, but the user will fix it while the AppHost runs: name the parts it declares.
        var (api, functions) = TemplateLoader.Outline(stack.TemplatePath);
        return new StackPreview(api, functions);
    }
}
