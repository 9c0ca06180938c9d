namespace WebSocketAspire.Infrastructure.Template.Syntax;

/// <summary>The YAML short forms (<c>!Ref</c>, <c>!Sub</c>, …) and the long-form keys they stand for.</summary>
internal static class ShortFormTags
{
    private static readonly Dictionary<string, string> LongForms = new(StringComparer.Ordinal)
    {
        ["!Ref"] = "Ref",
        ["!Condition"] = "Condition",
        ["!GetAtt"] = "Fn::GetAtt",
        ["!Sub"] = "Fn::Sub",
        ["!Join"] = "Fn::Join",
        ["!Select"] = "Fn::Select",
        ["!Split"] = "Fn::Split",
        ["!If"] = "Fn::If",
        ["!Equals"] = "Fn::Equals",
        ["!And"] = "Fn::And",
        ["!Or"] = "Fn::Or",
        ["!Not"] = "Fn::Not",
        ["!FindInMap"] = "Fn::FindInMap",
        ["!Base64"] = "Fn::Base64",
        ["!ImportValue"] = "Fn::ImportValue",
        ["!GetAZs"] = "Fn::GetAZs",
        ["!Cidr"] = "Fn::Cidr",
        ["!Transform"] = "Fn::Transform",
        ["!ToJsonString"] = "Fn::ToJsonString",
        ["!Length"] = "Fn::Length",
    };

    public static IEnumerable<string> Names => LongForms.Keys;

    public static bool TryGetLongForm(string tag, out string longForm) =>
        LongForms.TryGetValue(tag, out longForm!);
}
