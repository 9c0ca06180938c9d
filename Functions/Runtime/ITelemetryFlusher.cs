namespace WebSocketAspire.Functions.Runtime;

/// <summary>Pushes buffered spans and logs out; called after an invocation is answered (at most once a second), before Lambda may freeze the process.</summary>
internal interface ITelemetryFlusher
{
    void Flush();
}
