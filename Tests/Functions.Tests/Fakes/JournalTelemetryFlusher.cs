using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Tests.Functions.Fakes;

internal sealed class JournalTelemetryFlusher(List<string> journal) : ITelemetryFlusher
{
    public void Flush() => journal.Add("flush");
}
