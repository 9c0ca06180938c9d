using System.Collections.Concurrent;
using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>
/// The function's span for functions on our Node.js and Python runtime clients, which carry no
/// OpenTelemetry of their own. Lambda records a function's segment itself (X-Ray's
/// <c>AWS::Lambda::Function</c>), so the local Lambda service does the same: one span per invocation,
/// from when an instance took it to its answer, continuing the invoke span and attributed to that
/// instance (its replica in the dashboard). Each instance has its own source and provider, because a
/// provider's resource names the instance.
/// </summary>
internal sealed class RuntimeSpans(string functionId, string functionName, Uri endpoint, string? headers) : IDisposable
{
    private readonly ConcurrentDictionary<string, (ActivitySource Source, TracerProvider Provider)> _instances = new(StringComparer.Ordinal);

    /// <summary>Subscribe to <see cref="FunctionEndpoint.Completed"/>.</summary>
    public void Record(Invocation invocation, string? errorType, DateTimeOffset end)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        if (invocation.Parent == default)
        {
            return; // nothing to continue: the gateway did not record this trace
        }
        var (source, _) = _instances.GetOrAdd(invocation.Instance ?? FunctionEndpoint.DefaultInstance, Create);
        using var activity = source.StartActivity(functionName, ActivityKind.Server, invocation.Parent, startTime: invocation.StartedAt);
        if (activity is null)
        {
            return;
        }
        activity.SetTag("faas.invocation_id", invocation.RequestId);
        activity.SetTag("faas.name", functionName);
        activity.SetTag("faas.instance", invocation.Instance);
        if (errorType is not null)
        {
            activity.SetTag("error.type", errorType);
            activity.SetStatus(ActivityStatusCode.Error, errorType);
        }
        activity.SetEndTime(end.UtcDateTime);
    }

    public void Dispose()
    {
        foreach (var (source, provider) in _instances.Values)
        {
            provider.Dispose();
            source.Dispose();
        }
        _instances.Clear();
    }

    private (ActivitySource, TracerProvider) Create(string instance)
    {
        var name = $"{LambdaObservability.SourceName}.Runtime.{functionId}.{instance}";
        var provider = Sdk.CreateTracerProviderBuilder()
            .ConfigureServices(EngineTelemetry.UseExporterSettings)
            .ConfigureResource(r => EngineTelemetry.Describe(r, functionId).AddAttributes([new KeyValuePair<string, object>("service.instance.id", instance)]))
            .AddSource(name)
            .AddOtlpExporter(o => EngineTelemetry.Configure(o, endpoint, headers))
            .Build();
        return (new ActivitySource(name), provider);
    }
}
