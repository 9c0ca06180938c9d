namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>The intrinsic functions CloudFormation defines, and which of them make sense locally.</summary>
internal static class IntrinsicNames
{
    public static readonly string[] Supported =
    [
        "Ref", "Fn::GetAtt", "Fn::Sub", "Fn::Join", "Fn::Select", "Fn::Split", "Fn::If", "Fn::Equals", "Fn::And",
        "Fn::Or", "Fn::Not", "Fn::FindInMap", "Fn::Base64",
    ];

    /// <summary>Real functions whose value only exists in a deployed AWS account.</summary>
    public static readonly string[] NotAvailableLocally =
    [
        "Fn::ImportValue", "Fn::GetAZs", "Fn::Cidr", "Fn::Transform", "Fn::ToJsonString", "Fn::Length", "Fn::ForEach",
    ];

    public static IEnumerable<string> All => Supported.Concat(NotAvailableLocally);
}
