using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>The AWS:: pseudo parameters and their local values.</summary>
internal static class PseudoParameters
{
    public const string NoValue = "AWS::NoValue";

    public static readonly string[] Names =
    [
        "AWS::Region", "AWS::AccountId", "AWS::StackName", "AWS::StackId", "AWS::Partition", "AWS::URLSuffix",
        NoValue, "AWS::NotificationARNs",
    ];

    public static string? ValueOf(string name, StackEnvironment environment) => name switch
    {
        "AWS::Region" => environment.Region,
        "AWS::AccountId" => environment.AccountId,
        "AWS::StackName" => environment.StackName,
        "AWS::StackId" => $"arn:{environment.Partition}:cloudformation:{environment.Region}:{environment.AccountId}:stack/{environment.StackName}/{LocalIds.Uuid(environment.StackName)}",
        "AWS::Partition" => environment.Partition,
        "AWS::URLSuffix" => environment.UrlSuffix,
        "AWS::NotificationARNs" => string.Empty,
        _ => null,
    };
}
