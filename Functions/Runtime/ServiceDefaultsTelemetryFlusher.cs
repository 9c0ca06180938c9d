using WebSocketAspire.ServiceDefaults;

namespace WebSocketAspire.Functions.Runtime;

internal sealed class ServiceDefaultsTelemetryFlusher(IServiceProvider services) : ITelemetryFlusher
{
    /// <summary>Spans and logs; metrics go out on their own schedule (a per-invocation metric export is a full collection).</summary>
    public void Flush() => services.FlushTelemetry(includeMetrics: false);
}
