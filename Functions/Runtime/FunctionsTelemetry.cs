using System.Diagnostics;

namespace WebSocketAspire.Functions.Runtime;

/// <summary>The one ActivitySource of the Functions component and the span tag names it uses.</summary>
internal static class FunctionsTelemetry
{
    public const string SourceName = "WebSocketAspire.Functions";

    public const string InvocationIdTag = "faas.invocation_id";
    public const string FunctionNameTag = "faas.name";
    public const string ConnectionIdTag = "apigw.connection_id";
    public const string RouteKeyTag = "apigw.route_key";

    public static readonly ActivitySource Source = new(SourceName);
}
