using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Evaluates the Outputs section against the local values, in template order.</summary>
internal static class OutputBuilder
{
    public static List<OutputModel> Build(BuildContext context)
    {
        var outputs = new List<OutputModel>();
        foreach (var entry in context.Document.Outputs.Entries)
        {
            if (entry.Value is not MapNode output || output["Value"] is not { } valueNode)
            {
                context.Diagnostics.Error(entry.KeyLocation, entry.Key, "An output needs a Value.");
                continue;
            }

            if (output["Condition"] is ScalarNode condition && !context.Resolver.IsConditionTrue(condition.Value, entry.Key))
            {
                continue;
            }

            var value = context.Resolver.Resolve(valueNode, entry.Key) switch
            {
                ScalarNode scalar => scalar.Value,
                ListNode list => string.Join(',', list.Items.OfType<ScalarNode>().Select(s => s.Value)),
                null => null,
                _ => Invalid(valueNode),
            };
            if (value is null)
            {
                continue;
            }

            var description = output["Description"] is { } d ? context.Resolver.ResolveString(d, entry.Key, "Description") : null;
            outputs.Add(new OutputModel(entry.Key, description, value));

            string? Invalid(TemplateNode node)
            {
                context.Diagnostics.Error(node.Location, entry.Key, "An output Value must be a string or a list.");
                return null;
            }
        }

        return outputs;
    }
}
