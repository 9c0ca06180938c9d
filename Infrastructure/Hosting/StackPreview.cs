using WebSocketAspire.Hosting;
using WebSocketAspire.Infrastructure.Template;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Hosting;

/// <summary>What the app model needs of a template before anything runs: the API's and the functions' logical ids.</summary>
internal sealed record StackPreview(string? ApiLogicalId, IReadOnlyList<string> FunctionLogicalIds)
{
    public static StackPreview Read(WebSocketStackResource stack)
    {
        var result = TemplateLoader.Load(stack.TemplatePath, new StackEnvironment
        {
            Region = stack.Options.Region,
            ParameterOverrides = stack.Options.Parameters.ToDictionary(StringComparer.Ordinal),
        });
        return result.Stack is { } model && !result.HasErrors
            ? new StackPreview(model.Api.LogicalId, [.. model.Functions.Keys])
            : new StackPreview(null, []);
    }
}
