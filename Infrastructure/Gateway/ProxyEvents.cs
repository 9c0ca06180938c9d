using System.Text.Json;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// Builds the Lambda proxy (AWS_PROXY) events and the REQUEST authorizer event as pure functions of
/// the request and its context. Key sets follow what real API Gateway sends per event type:
/// MESSAGE has no headers, DISCONNECT has a fixed synthetic header set, query-string keys appear
/// only when the URL had a query string.
/// </summary>
internal static class ProxyEvents
{
    public static byte[] Connect(RequestContextValues context, UpgradeRequest request) =>
        Write(writer =>
        {
            WriteHeaders(writer, ForIntegration(request.Headers));
            WriteQuery(writer, request.Query);
            WriteRequestContext(writer, context);
            writer.WriteBoolean("isBase64Encoded", false);
        });

    public static byte[] Message(RequestContextValues context, string body) =>
        Write(writer =>
        {
            WriteRequestContext(writer, context);
            writer.WriteString("body", body);
            writer.WriteBoolean("isBase64Encoded", false);
        });

    public static byte[] Disconnect(RequestContextValues context) =>
        Write(writer =>
        {
            // API Gateway sends the same synthetic header set on every DISCONNECT.
            WriteHeaders(writer,
            [
                new("Host", [context.Identity.DomainName]),
                new("x-api-key", [""]),
                new("X-Forwarded-For", [""]),
                new("x-restapi", [""]),
            ]);
            WriteRequestContext(writer, context);
            writer.WriteBoolean("isBase64Encoded", false);
        });

    public static byte[] Authorizer(
        RequestContextValues context,
        UpgradeRequest request,
        string methodArn,
        IReadOnlyDictionary<string, string> stageVariables) =>
        Write(writer =>
        {
            writer.WriteString("type", "REQUEST");
            writer.WriteString("methodArn", methodArn);
            WriteHeaders(writer, ForAuthorizer(request.Headers));
            // The authorizer event always has both query objects, empty without a query string (captured).
            WriteQuery(writer, request.Query, emitEmpty: true);
            writer.WriteStartObject("stageVariables");
            foreach (var (key, value) in stageVariables)
            {
                writer.WriteString(key, value);
            }
            writer.WriteEndObject();
            WriteRequestContext(writer, context);
        });

    private static void WriteRequestContext(Utf8JsonWriter writer, RequestContextValues context)
    {
        writer.WriteStartObject("requestContext");
        writer.WriteString("routeKey", context.RouteKey);
        if (context.MessageId is { } messageId)
        {
            writer.WriteString("messageId", messageId);
        }
        if (context.Disconnect is { } disconnect)
        {
            writer.WriteNumber("disconnectStatusCode", disconnect.StatusCode);
        }
        writer.WriteString("eventType", context.EventType);
        writer.WriteString("extendedRequestId", context.RequestId);
        writer.WriteString("requestTime", context.RequestTimeText);
        writer.WriteString("messageDirection", "IN");
        if (context.Disconnect is { } reason)
        {
            writer.WriteString("disconnectReason", reason.Reason);
        }
        writer.WriteString("stage", context.Stage);
        writer.WriteNumber("connectedAt", context.ConnectedAtEpoch);
        writer.WriteNumber("requestTimeEpoch", context.RequestTimeEpoch);
        writer.WriteStartObject("identity");
        if (context.Identity.UserAgent is { } userAgent)
        {
            writer.WriteString("userAgent", userAgent);
        }
        writer.WriteString("sourceIp", context.Identity.SourceIp);
        writer.WriteEndObject();
        writer.WriteString("requestId", context.RequestId);
        writer.WriteString("domainName", context.Identity.DomainName);
        writer.WriteString("connectionId", context.ConnectionId);
        writer.WriteString("apiId", context.ApiId);
        if (context.Identity.Authorizer is { } authorizer)
        {
            writer.WriteStartObject("authorizer");
            foreach (var (key, value) in authorizer)
            {
                WriteValue(writer, key, value);
            }
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }

    private static void WriteValue(Utf8JsonWriter writer, string key, object? value)
    {
        switch (value)
        {
            case null: writer.WriteNull(key); break;
            case bool b: writer.WriteBoolean(key, b); break;
            case long l: writer.WriteNumber(key, l); break;
            case int i: writer.WriteNumber(key, i); break;
            case double d: writer.WriteNumber(key, d); break;
            default: writer.WriteString(key, RequestContextValues.Stringify(value)); break;
        }
    }

    /// <summary>Headers in API Gateway's order: sorted by name, ignoring case (as every capture shows them).</summary>
    private static void WriteHeaders(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string[]>> unordered)
    {
        var headers = unordered.OrderBy(h => h.Key, StringComparer.OrdinalIgnoreCase).ToList();
        writer.WriteStartObject("headers");
        foreach (var (name, values) in headers)
        {
            writer.WriteString(name, string.Join(",", values));
        }
        writer.WriteEndObject();
        writer.WriteStartObject("multiValueHeaders");
        foreach (var (name, values) in headers)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    private static void WriteQuery(Utf8JsonWriter writer, IReadOnlyList<KeyValuePair<string, string[]>> query, bool emitEmpty = false)
    {
        if (query.Count == 0 && !emitEmpty)
        {
            return;
        }
        writer.WriteStartObject("queryStringParameters");
        foreach (var (name, values) in query)
        {
            writer.WriteString(name, values.Length > 0 ? values[^1] : "");
        }
        writer.WriteEndObject();
        writer.WriteStartObject("multiValueQueryStringParameters");
        foreach (var (name, values) in query)
        {
            writer.WriteStartArray(name);
            foreach (var value in values)
            {
                writer.WriteStringValue(value);
            }
            writer.WriteEndArray();
        }
        writer.WriteEndObject();
    }

    /// <summary>The $connect integration does not see the hop-by-hop upgrade headers.</summary>
    private static List<KeyValuePair<string, string[]>> ForIntegration(IReadOnlyList<KeyValuePair<string, string[]>> headers) =>
        [.. headers.Where(h => !IsHopByHop(h.Key))];

    /// <summary>
    /// The authorizer sees the upgrade headers as API Gateway normalises them, whatever the client
    /// sent: <c>Connection: upgrade</c>, <c>Upgrade: websocket</c> and <c>content-length: 0</c> (captured).
    /// </summary>
    private static List<KeyValuePair<string, string[]>> ForAuthorizer(IReadOnlyList<KeyValuePair<string, string[]>> headers) =>
    [
        .. headers.Where(h => !IsHopByHop(h.Key)),
        new("Connection", ["upgrade"]),
        new("Upgrade", ["websocket"]),
        new("content-length", ["0"]),
    ];

    private static bool IsHopByHop(string name) =>
        string.Equals(name, "Connection", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "Upgrade", StringComparison.OrdinalIgnoreCase)
        || string.Equals(name, "content-length", StringComparison.OrdinalIgnoreCase);

    private static byte[] Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }
        return buffer.WrittenSpan.ToArray();
    }
}
