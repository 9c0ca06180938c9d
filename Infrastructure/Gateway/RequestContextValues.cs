using System.Globalization;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>The values of one request's <c>requestContext</c>, shared by proxy events and mapping templates.</summary>
internal sealed record RequestContextValues
{
    public required string RouteKey { get; init; }
    /// <summary><c>CONNECT</c>, <c>MESSAGE</c> or <c>DISCONNECT</c>.</summary>
    public required string EventType { get; init; }
    public required string ConnectionId { get; init; }
    public required string RequestId { get; init; }
    /// <summary>Only MESSAGE events carry a message id.</summary>
    public string? MessageId { get; init; }
    public required DateTimeOffset RequestTime { get; init; }
    public required DateTimeOffset ConnectedAt { get; init; }
    public required string Stage { get; init; }
    public required string ApiId { get; init; }
    public required ConnectionIdentity Identity { get; init; }
    public DisconnectInfo? Disconnect { get; init; }

    /// <summary>CLF time, always UTC: <c>20/Jan/2024:11:55:00 +0000</c>.</summary>
    public string RequestTimeText => RequestTime.UtcDateTime.ToString("dd/MMM/yyyy:HH:mm:ss '+0000'", CultureInfo.InvariantCulture);

    public long RequestTimeEpoch => RequestTime.ToUnixTimeMilliseconds();

    public long ConnectedAtEpoch => ConnectedAt.ToUnixTimeMilliseconds();

    /// <summary>
    /// The <c>$context</c> variables of a mapping template, as dotted keys. Authorizer values are
    /// stringified, as API Gateway does for <c>$context.authorizer.*</c>.
    /// </summary>
    public Dictionary<string, object?> ToTemplateContext()
    {
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["routeKey"] = RouteKey,
            ["eventType"] = EventType,
            ["connectionId"] = ConnectionId,
            ["requestId"] = RequestId,
            ["extendedRequestId"] = RequestId,
            ["messageId"] = MessageId,
            ["requestTime"] = RequestTimeText,
            ["requestTimeEpoch"] = RequestTimeEpoch,
            ["connectedAt"] = ConnectedAtEpoch,
            ["stage"] = Stage,
            ["apiId"] = ApiId,
            ["domainName"] = Identity.DomainName,
            ["messageDirection"] = "IN",
            ["isBase64Encoded"] = false,
            ["identity.sourceIp"] = Identity.SourceIp,
            ["identity.userAgent"] = Identity.UserAgent,
        };
        if (Identity.Authorizer is { } authorizer)
        {
            foreach (var (key, value) in authorizer)
            {
                context["authorizer." + key] = Stringify(value);
            }
        }
        return context;
    }

    internal static string? Stringify(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };
}
