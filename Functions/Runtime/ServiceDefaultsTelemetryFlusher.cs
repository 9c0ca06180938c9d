using WebSocketAspire.ServiceDefaults;

namespace WebSocketAspire.Functions.Runtime;

internal sealed class ServiceDefaultsTelemetryFlusher(IServiceProvider services) : ITelemetryFlusher
{
    public void Flush() => services.FlushTelemetry();
}
