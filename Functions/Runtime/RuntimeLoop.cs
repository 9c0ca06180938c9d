using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace WebSocketAspire.Functions.Runtime;

/// <summary>The custom-runtime loop: next → invoke → response or error → flush telemetry when due, until the Runtime API fails.</summary>
internal sealed partial class RuntimeLoop(
    IRuntimeApiClient runtime,
    IEnvironmentVariables environment,
    ITelemetryFlusher telemetry,
    TimeProvider time,
    ILogger<RuntimeLoop> logger)
{
    public const string TraceIdVariable = "_X_AMZN_TRACE_ID";

    /// <summary>
    /// Telemetry is pushed out after an invocation at most this often. Lambda freezes the process only
    /// when it asks for the next invocation, so a flush after the response (and before <c>next</c>)
    /// still leaves; between flushes the exporters' own one-second batches carry it while invocations
    /// keep the process thawed. Flushing every invocation cost three exports per message: on two
    /// cores the dashboard's ingestion of them was most of the message path's time.
    /// </summary>
    public static readonly TimeSpan FlushInterval = TimeSpan.FromSeconds(1);

    private DateTimeOffset _lastFlush = DateTimeOffset.MinValue;

    /// <summary>Runs until cancelled (exit code 0) or until the Runtime API cannot be used any more (exit code 1).</summary>
    public async Task<int> RunAsync(IFunctionHandler handler, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(handler);
        while (!cancellationToken.IsCancellationRequested)
        {
            RuntimeInvocation invocation;
            try
            {
                invocation = await runtime.GetNextInvocationAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return 0;
            }
            catch (Exception ex) when (ex is RuntimeApiException or HttpRequestException)
            {
                Log.NextFailed(logger, ex);
                return 1;
            }

            try
            {
                await InvokeAsync(handler, invocation, cancellationToken);
            }
            catch (RuntimeApiException ex)
            {
                // e.g. 413 for an oversized response: that invocation is lost, the next one may be fine.
                Log.ReportFailed(logger, invocation.RequestId, ex);
            }
            catch (HttpRequestException ex)
            {
                Log.ReportFailed(logger, invocation.RequestId, ex);
                return 1;
            }
        }
        return 0;
    }

    internal async Task InvokeAsync(IFunctionHandler handler, RuntimeInvocation invocation, CancellationToken cancellationToken)
    {
        environment.Set(TraceIdVariable, invocation.TraceId);

        byte[]? response = null;
        RuntimeError? error = null;
        using (var activity = StartActivity(handler.Name, invocation))
        {
            using var deadline = new InvocationDeadline(invocation.DeadlineMs, time, cancellationToken);
            try
            {
                response = await handler.InvokeAsync(invocation.Payload, deadline.Token);
            }
#pragma warning disable CA1031 // Every handler failure is reported to Lambda as the invocation's error.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                error = RuntimeError.FromException(ex);
                activity?.AddException(ex);
                activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
                Log.InvocationFailed(logger, handler.Name, invocation.RequestId, ex);
            }
        }

        try
        {
            if (error is null)
            {
                await runtime.PostResponseAsync(invocation.RequestId, response ?? [], cancellationToken);
            }
            else
            {
                await runtime.PostErrorAsync(invocation.RequestId, error, cancellationToken);
            }
        }
        finally
        {
            // After the answer, so the caller does not wait for it; before the next poll, which is where Lambda may freeze us.
            FlushIfDue();
        }
    }

    private void FlushIfDue()
    {
        var now = time.GetUtcNow();
        if (now - _lastFlush < FlushInterval)
        {
            return;
        }
        _lastFlush = now;
        telemetry.Flush();
    }

    private Activity? StartActivity(string handlerName, RuntimeInvocation invocation)
    {
        // Without a usable trace header the span starts a new trace.
        var parent = XRayTraceHeader.TryParse(invocation.TraceId, out var context) ? context : default;
        var activity = FunctionsTelemetry.Source.StartActivity(handlerName, ActivityKind.Server, parent);
        activity?.SetTag(FunctionsTelemetry.InvocationIdTag, invocation.RequestId);
        activity?.SetTag(FunctionsTelemetry.FunctionNameTag, environment.Get("AWS_LAMBDA_FUNCTION_NAME") ?? handlerName);
        return activity;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "Handler {Handler} failed for request {RequestId}")]
        public static partial void InvocationFailed(ILogger logger, string handler, string requestId, Exception exception);

        [LoggerMessage(2, LogLevel.Critical, "Getting the next invocation failed; the runtime exits")]
        public static partial void NextFailed(ILogger logger, Exception exception);

        [LoggerMessage(3, LogLevel.Error, "Reporting the result of request {RequestId} failed")]
        public static partial void ReportFailed(ILogger logger, string requestId, Exception exception);
    }
}
