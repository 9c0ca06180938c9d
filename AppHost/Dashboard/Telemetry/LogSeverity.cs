namespace WebSocketAspire.AppHost.Dashboard.Telemetry;

/// <summary>OTLP severity ranges, each named by its lowest SeverityNumber.</summary>
internal enum LogSeverity
{
    Unspecified = 0,
    Trace = 1,
    Debug = 5,
    Information = 9,
    Warning = 13,
    Error = 17,
    Critical = 21,
}

internal static class LogSeverities
{
    /// <summary>Maps an OTLP SeverityNumber (1–24, four steps per range) to its range.</summary>
    public static LogSeverity FromNumber(int severityNumber) => severityNumber switch
    {
        >= 21 => LogSeverity.Critical,
        >= 17 => LogSeverity.Error,
        >= 13 => LogSeverity.Warning,
        >= 9 => LogSeverity.Information,
        >= 5 => LogSeverity.Debug,
        >= 1 => LogSeverity.Trace,
        _ => LogSeverity.Unspecified,
    };

    /// <summary>Parses a filter value such as "warning" or "13"; unknown text means no filter.</summary>
    public static LogSeverity Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return LogSeverity.Unspecified;
        }
        if (int.TryParse(text, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return FromNumber(number);
        }
        return text.Trim().ToUpperInvariant() switch
        {
            "TRACE" => LogSeverity.Trace,
            "DEBUG" => LogSeverity.Debug,
            "INFO" or "INFORMATION" => LogSeverity.Information,
            "WARN" or "WARNING" => LogSeverity.Warning,
            "ERROR" => LogSeverity.Error,
            "FATAL" or "CRITICAL" => LogSeverity.Critical,
            _ => LogSeverity.Unspecified,
        };
    }
}
