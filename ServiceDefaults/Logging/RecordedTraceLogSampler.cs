using System.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WebSocketAspire.Telemetry;

/// <summary>
/// Logs follow their trace's sampling decision: a line written inside a span that is not recorded
/// is dropped, so under load the dashboard receives the whole story (spans and logs) of the traces
/// it keeps and nothing of the others. Warnings and errors are always kept, and so is anything
/// written outside a span. Shared by the functions (through ServiceDefaults) and the local stack's
/// engine (linked source), so both sides of a trace decide alike.
/// </summary>
internal sealed class RecordedTraceLogSampler : LoggingSampler
{
    public override bool ShouldSample<TState>(in LogEntry<TState> logEntry) =>
        logEntry.LogLevel >= LogLevel.Warning || Activity.Current is not { } activity || activity.Recorded;
}
