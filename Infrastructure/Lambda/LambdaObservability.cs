using System.Diagnostics;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>The one <see cref="ActivitySource"/> of the local Lambda service.</summary>
internal static class LambdaObservability
{
    public const string SourceName = "WebSocketAspire.Lambda";
    public static readonly ActivitySource Source = new(SourceName);
}
