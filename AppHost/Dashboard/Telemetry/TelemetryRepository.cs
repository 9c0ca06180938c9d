namespace WebSocketAspire.AppHost.Dashboard.Telemetry;

/// <summary>
/// The one owner of everything the dashboard shows: spans, structured logs and console lines,
/// each in a bounded ring so a long-running AppHost keeps a constant footprint. Thread-safe;
/// transports (OTLP gRPC/HTTP, the resource console) write, the web API reads.
/// </summary>
internal sealed partial class TelemetryRepository
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly TelemetryLimits _limits;
    private readonly RingBuffer<SpanRecord> _spans;
    private readonly Dictionary<string, List<SpanRecord>> _traces = new(StringComparer.Ordinal);
    private readonly RingBuffer<LogRecordEntry> _logs;
    private readonly SortedSet<string> _services = new(StringComparer.Ordinal);

    public TelemetryRepository(TimeProvider time, TelemetryLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _limits = limits ?? new TelemetryLimits();
        _limits.Validate();
        _spans = new RingBuffer<SpanRecord>(_limits.MaxSpans);
        _logs = new RingBuffer<LogRecordEntry>(_limits.MaxLogRecords);
    }

    /// <summary>The clock stamped on console lines and on log records that carry no time.</summary>
    public TimeProvider Time => _time;

    public int SpanCount
    {
        get
        {
            lock (_gate)
            {
                return _spans.Count;
            }
        }
    }

    public void AddSpans(IEnumerable<SpanRecord> spans)
    {
        ArgumentNullException.ThrowIfNull(spans);
        lock (_gate)
        {
            foreach (var span in spans)
            {
                if (_spans.Add(span, out var evicted) && evicted is not null)
                {
                    ForgetSpan(evicted);
                }
                if (!_traces.TryGetValue(span.TraceId, out var members))
                {
                    members = [];
                    _traces[span.TraceId] = members;
                }
                members.Add(span);
                _services.Add(span.ServiceName);
            }
        }
    }

    /// <summary>Service names seen in spans or logs, sorted.</summary>
    public IReadOnlyList<string> Services()
    {
        lock (_gate)
        {
            return [.. _services];
        }
    }

    /// <summary>Traces newest first, one row per trace id, optionally only those a service took part in.</summary>
    public IReadOnlyList<TraceSummary> Traces(TraceQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = new List<TraceSummary>();
        lock (_gate)
        {
            foreach (var (traceId, members) in _traces)
            {
                if (query.Service is { Length: > 0 } service && !members.Exists(s => s.ServiceName == service))
                {
                    continue;
                }
                rows.Add(Summarize(traceId, members));
            }
        }
        rows.Sort((a, b) => b.Start.CompareTo(a.Start));
        return rows.Count > query.Limit ? rows.GetRange(0, Math.Max(query.Limit, 0)) : rows;
    }

    /// <summary>One trace's spans in waterfall order, or null when none of its spans are retained.</summary>
    public TraceDetail? Trace(string traceId)
    {
        ArgumentNullException.ThrowIfNull(traceId);
        SpanRecord[] members;
        lock (_gate)
        {
            if (!_traces.TryGetValue(traceId, out var list))
            {
                return null;
            }
            members = [.. list];
        }
        var start = members.Min(s => s.StartTime);
        var end = members.Max(s => s.EndTime);
        return new TraceDetail(traceId, start, end > start ? end - start : TimeSpan.Zero, Order(members));
    }

    private void ForgetSpan(SpanRecord evicted)
    {
        if (_traces.TryGetValue(evicted.TraceId, out var members))
        {
            var index = members.FindIndex(s => ReferenceEquals(s, evicted));
            if (index >= 0)
            {
                members.RemoveAt(index);
            }
            if (members.Count == 0)
            {
                _traces.Remove(evicted.TraceId);
            }
        }
    }

    private static TraceSummary Summarize(string traceId, List<SpanRecord> members)
    {
        var ids = new HashSet<string>(members.Select(s => s.SpanId), StringComparer.Ordinal);
        // The root is the span without a parent; if it has not arrived (or was evicted), the
        // earliest span whose parent is missing stands in for it (or, in a malformed parent
        // cycle, simply the earliest span).
        var root = members
            .OrderBy(s => s.ParentSpanId is null ? 0 : ids.Contains(s.ParentSpanId) ? 2 : 1)
            .ThenBy(s => s.StartTime)
            .First();
        var start = members.Min(s => s.StartTime);
        var end = members.Max(s => s.EndTime);
        var services = members.Select(s => s.ServiceName).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        return new TraceSummary(
            traceId,
            root.Name,
            root.ServiceName,
            services,
            start,
            end > start ? end - start : TimeSpan.Zero,
            members.Count,
            members.Exists(s => s.Status == SpanStatus.Error));
    }

    private static List<TraceSpan> Order(SpanRecord[] members)
    {
        var ids = new HashSet<string>(members.Select(s => s.SpanId), StringComparer.Ordinal);
        var children = members
            .Where(s => s.ParentSpanId is not null && ids.Contains(s.ParentSpanId))
            .GroupBy(s => s.ParentSpanId!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(s => s.StartTime).ToList(), StringComparer.Ordinal);
        var ordered = new List<TraceSpan>(members.Length);
        var stack = new Stack<TraceSpan>();
        var roots = members.Where(s => s.ParentSpanId is null || !ids.Contains(s.ParentSpanId)).OrderByDescending(s => s.StartTime);
        foreach (var root in roots)
        {
            stack.Push(new TraceSpan(root, 0));
        }
        var visited = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            if (!stack.TryPop(out var current))
            {
                // Spans only reachable through a parent cycle have no root; show them at top level.
                var stranded = members.Where(s => !visited.Contains(s.SpanId)).MinBy(s => s.StartTime);
                if (stranded is null)
                {
                    break;
                }
                current = new TraceSpan(stranded, 0);
            }
            // A malformed trace could contain a parent cycle; each span id is placed once.
            if (!visited.Add(current.Span.SpanId))
            {
                continue;
            }
            ordered.Add(current);
            if (children.TryGetValue(current.Span.SpanId, out var kids))
            {
                for (var i = kids.Count - 1; i >= 0; i--)
                {
                    stack.Push(new TraceSpan(kids[i], current.Depth + 1));
                }
            }
        }
        return ordered;
    }
}
