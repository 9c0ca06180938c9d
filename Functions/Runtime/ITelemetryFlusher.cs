namespace WebSocketAspire.Functions.Runtime;

/// <summary>Pushes buffered telemetry out; called before each result is posted because Lambda may freeze the process after.</summary>
internal interface ITelemetryFlusher
{
    void Flush();
}
