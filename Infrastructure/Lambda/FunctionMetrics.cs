using System.Diagnostics.Metrics;

namespace WebSocketAspire.Infrastructure.Lambda;

/// <summary>
/// One function's metrics, as Lambda reports them to CloudWatch (Invocations, Duration, Errors,
/// Throttles, ConcurrentExecutions) under OpenTelemetry's FaaS semantic-convention names where they
/// exist. Each function has its own meter, so its metrics are exported as the function's resource.
/// </summary>
internal sealed class FunctionMetrics : IDisposable
{
    public const string MeterPrefix = "WebSocketAspire.Lambda.";

    private readonly Meter _meter;
    private readonly Counter<long> _invocations;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _timeouts;
    private readonly Counter<long> _coldStarts;
    private readonly Counter<long> _throttles;

    public FunctionMetrics(string functionId)
    {
        MeterName = MeterPrefix + functionId;
        _meter = new Meter(MeterName);
        _invocations = _meter.CreateCounter<long>("faas.invocations", "{invocation}", "Invocations of the function");
        _duration = _meter.CreateHistogram<double>("faas.invoke_duration", "s", "Time from invoke to the function's answer");
        _errors = _meter.CreateCounter<long>("faas.errors", "{error}", "Invocations that ended in a function error");
        _timeouts = _meter.CreateCounter<long>("faas.timeouts", "{timeout}", "Invocations that hit the function's timeout");
        _coldStarts = _meter.CreateCounter<long>("faas.coldstarts", "{coldstart}", "Invocations served by an instance's first invocation");
        _throttles = _meter.CreateCounter<long>("aws.lambda.throttles", "{invocation}", "Invocations refused because the function is at its concurrency limit");
        _meter.CreateObservableUpDownCounter("aws.lambda.instances", () => Instances?.Invoke() ?? 0, "{instance}", "Runtime instances of the function");
    }

    public string MeterName { get; }

    /// <summary>How many instances run now; set by whoever starts them.</summary>
    public Func<int>? Instances { get; set; }

    public void Invoked(TimeSpan duration, string? errorType)
    {
        _invocations.Add(1);
        _duration.Record(duration.TotalSeconds);
        if (errorType is null)
        {
            return;
        }
        _errors.Add(1, new KeyValuePair<string, object?>("error.type", errorType));
        if (errorType == "Sandbox.Timedout")
        {
            _timeouts.Add(1);
        }
    }

    public void ColdStart() => _coldStarts.Add(1);

    public void Throttled() => _throttles.Add(1);

    public void Dispose() => _meter.Dispose();
}
