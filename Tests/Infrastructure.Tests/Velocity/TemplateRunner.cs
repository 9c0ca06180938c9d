using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Tests.Infrastructure.Velocity;

/// <summary>Shared helpers: render a template source against a body and a small fixed $context.</summary>
internal static class TemplateRunner
{
    public static readonly IReadOnlyDictionary<string, object?> DefaultContext = new Dictionary<string, object?>
    {
        ["routeKey"] = "sendmessage",
        ["messageId"] = "msg-1",
        ["authorizer.principalId"] = "user-1",
        ["authorizer.token"] = "tok",
        ["authorizer.count"] = 3L,
        ["eventType"] = "MESSAGE",
        ["extendedRequestId"] = "ext-1",
        ["requestTime"] = "24/Nov/2026:01:02:03 +0000",
        ["messageDirection"] = "IN",
        ["stage"] = "local",
        ["connectedAt"] = 1764000000000L,
        ["requestTimeEpoch"] = 1764000000123L,
        ["identity.sourceIp"] = "127.0.0.1",
        ["requestId"] = "req-1",
        ["domainName"] = "localhost",
        ["connectionId"] = "conn-1",
        ["apiId"] = "api-1",
        ["isBase64Encoded"] = false,
        ["ratio"] = 2.5,
        ["small"] = 7,
    };

    public static MappingInput Input(string body = "", IReadOnlyDictionary<string, string>? headers = null) => new()
    {
        Body = body,
        Context = DefaultContext,
        StageVariables = new Dictionary<string, string> { ["env"] = "dev", ["table"] = "Chat" },
        Headers = headers ?? new Dictionary<string, string> { ["X-Custom"] = "hdr", ["Host"] = "localhost" },
        QueryString = new Dictionary<string, string> { ["q"] = "query", ["shared"] = "fromQuery" },
        PathParameters = new Dictionary<string, string> { ["id"] = "42", ["shared"] = "fromPath" },
    };

    public static string Render(string template, string body = "") =>
        MappingTemplate.Parse(template, "test").Render(Input(body));
}
