using WebSocketAspire.Infrastructure.Template.Resolution;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Lists every resource the local stack does not run, so nothing in the template is silently ignored.</summary>
internal static class UnemulatedResources
{
    public static void Report(BuildContext context)
    {
        var unemulated = context.Document.Resources.Values.Where(r => !ResourceTypes.IsEmulated(r.Type)).ToList();
        var permissions = unemulated.Where(r => r.Type == "AWS::Lambda::Permission").ToList();
        var iam = unemulated.Where(r => r.Type.StartsWith("AWS::IAM::", StringComparison.Ordinal)).ToList();
        Group(context, permissions, "AWS::Lambda::Permission");
        Group(context, iam, "AWS::IAM::*");
        foreach (var resource in unemulated.Except(permissions).Except(iam))
        {
            context.Diagnostics.Warning(resource.Location, resource.LogicalId, $"not emulated: {resource.Type} does not run locally; Ref returns '{resource.LogicalId}'.");
        }
    }

    private static void Group(BuildContext context, List<ResourceDeclaration> resources, string type)
    {
        if (resources.Count > 0)
        {
            var names = string.Join(", ", resources.Select(r => r.LogicalId));
            context.Diagnostics.Warning(resources[0].Location, resources[0].LogicalId, $"not emulated: IAM is not enforced locally; {type} ignored: {names}.");
        }
    }
}
