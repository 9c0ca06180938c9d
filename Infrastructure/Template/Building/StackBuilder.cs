using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Assembles the <see cref="StackModel"/> from a checked, resolvable template.</summary>
internal static class StackBuilder
{
    public static StackModel? Build(BuildContext context, string templatePath)
    {
        var templateFolder = Path.GetDirectoryName(templatePath) ?? Directory.GetCurrentDirectory();
        UnemulatedResources.Report(context);

        var functions = Ordered.ByKey(
            context.Included(ResourceTypes.IsFunction)
                .Select(f => FunctionBuilder.Build(f, context.Properties(f), context.Physical, templateFolder))
                .OfType<FunctionModel>(),
            f => f.LogicalId);
        var tables = Ordered.ByKey(
            context.Included(ResourceTypes.IsTable).Select(t => TableBuilder.Build(t, context.Properties(t), context.Physical)),
            t => t.LogicalId);

        var api = WebSocketApiBuilder.Build(context, functions.Values);
        var outputs = OutputBuilder.Build(context);
        if (api is null || context.Diagnostics.HasErrors)
        {
            return null;
        }

        return new StackModel
        {
            TemplatePath = templatePath,
            Environment = context.Environment,
            Api = api,
            Functions = functions,
            Tables = tables,
            Outputs = outputs,
        };
    }
}
