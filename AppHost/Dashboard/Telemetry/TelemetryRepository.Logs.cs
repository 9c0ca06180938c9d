namespace WebSocketAspire.AppHost.Dashboard.Telemetry;

internal sealed partial class TelemetryRepository
{
    public int LogCount
    {
        get
        {
            lock (_gate)
            {
                return _logs.Count;
            }
        }
    }

    public void AddLogs(IEnumerable<LogRecordEntry> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        lock (_gate)
        {
            foreach (var record in records)
            {
                _logs.Add(record, out _);
                _services.Add(record.ServiceName);
            }
        }
    }

    /// <summary>Matching log records, newest first.</summary>
    public IReadOnlyList<LogRecordEntry> Logs(LogQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<LogRecordEntry>();
        lock (_gate)
        {
            for (var i = _logs.Count - 1; i >= 0 && rows.Count < query.Limit; i--)
            {
                var record = _logs[i];
                if (Matches(record, query))
                {
                    rows.Add(record);
                }
            }
        }
        return rows;
    }

    private static bool Matches(LogRecordEntry record, LogQuery query)
    {
        if (query.Service is { Length: > 0 } service && record.ServiceName != service)
        {
            return false;
        }
        if (record.Severity < query.MinimumSeverity)
        {
            return false;
        }
        if (query.TraceId is { Length: > 0 } traceId && !string.Equals(record.TraceId, traceId, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        if (query.Contains is { Length: > 0 } text)
        {
            return record.Body.Contains(text, StringComparison.OrdinalIgnoreCase)
                || record.Attributes.Any(a => a.Value.Contains(text, StringComparison.OrdinalIgnoreCase));
        }
        return true;
    }
}
