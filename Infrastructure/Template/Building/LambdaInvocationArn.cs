using System.Text.RegularExpressions;
using WebSocketAspire.Infrastructure.Template.Model;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>
/// Matches <c>arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{functionArn}/invocations</c>
/// (the form of IntegrationUri and AuthorizerUri) to a function of the template.
/// </summary>
internal static partial class LambdaInvocationArn
{
    public static string Describe(string partition, string region) =>
        $"arn:{partition}:apigateway:{region}:lambda:path/2015-03-31/functions/{{function ARN}}/invocations";

    /// <summary>The function ARN inside an invocation ARN, or null if the text is not one.</summary>
    public static string? FunctionArnOf(string uri) =>
        Pattern().Match(uri) is { Success: true } match ? match.Groups["function"].Value : null;

    public static FunctionModel? Find(string functionArn, IEnumerable<FunctionModel> functions) =>
        functions.FirstOrDefault(f => f.Arn == functionArn || f.Arn == StripQualifier(functionArn));

    /// <summary>An alias or version qualifier (<c>:live</c>, <c>:3</c>, <c>:$LATEST</c>) still names the same local function.</summary>
    private static string StripQualifier(string arn)
    {
        var parts = arn.Split(':');
        return parts.Length == 8 ? string.Join(':', parts[..7]) : arn;
    }

    [GeneratedRegex(@"^arn:[^:]+:apigateway:[^:]+:lambda:path/2015-03-31/functions/(?<function>.+)/invocations$")]
    private static partial Regex Pattern();
}
