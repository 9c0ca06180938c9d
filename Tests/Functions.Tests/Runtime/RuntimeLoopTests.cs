using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.Tests.Functions.Fakes;

namespace WebSocketAspire.Tests.Functions.Runtime;

public sealed class RuntimeLoopTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_successful_invocation_posts_the_response_then_flushes_telemetry()
    {
        var journal = new List<string>();
        var runtime = new FakeRuntimeApiClient(journal).Enqueue("req-1", "{\"n\":1}");
        var loop = Loop(runtime, new FakeEnvironmentVariables(), journal);

        var exitCode = await loop.RunAsync(new DelegateFunctionHandler("echo", payload => payload), CancellationToken.None);

        Assert.Equal("{\"n\":1}", runtime.Responses["req-1"]);
        Assert.Equal(["response:req-1", "flush"], journal);
        Assert.Equal(1, exitCode); // the fake's next answers 500 once the queue is empty
    }

    [Fact]
    public async Task A_throwing_handler_posts_an_error_with_message_and_type()
    {
        var journal = new List<string>();
        var runtime = new FakeRuntimeApiClient(journal).Enqueue("req-1", "{}").Enqueue("req-2", "{}");
        var calls = 0;
        var handler = new DelegateFunctionHandler("flaky", _ => ++calls == 1 ? throw new InvalidOperationException("boom") : "ok");

        await Loop(runtime, new FakeEnvironmentVariables(), journal).RunAsync(handler, CancellationToken.None);

        var error = runtime.Errors["req-1"];
        Assert.Equal("boom", error.ErrorMessage);
        Assert.Equal(nameof(InvalidOperationException), error.ErrorType);
        Assert.NotEmpty(error.StackTrace);
        Assert.Equal("ok", runtime.Responses["req-2"]);
        // Both within the same second: one flush, after the first answer.
        Assert.Equal(["error:req-1", "flush", "response:req-2"], journal);
    }

    [Fact]
    public async Task Telemetry_is_flushed_again_once_a_second_has_passed()
    {
        var journal = new List<string>();
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now);
        var runtime = new FakeRuntimeApiClient(journal).Enqueue("req-1", "{}").Enqueue("req-2", "{}").Enqueue("req-3", "{}");
        var handler = new DelegateFunctionHandler("h", _ =>
        {
            time.Advance(TimeSpan.FromMilliseconds(600));
            return "ok";
        });

        await new RuntimeLoop(runtime, new FakeEnvironmentVariables(), new JournalTelemetryFlusher(journal), time, NullLogger<RuntimeLoop>.Instance)
            .RunAsync(handler, CancellationToken.None);

        // 0.6 s, 1.2 s, 1.8 s: the first answer flushes, the second is within a second of it, the third is not.
        Assert.Equal(["response:req-1", "flush", "response:req-2", "response:req-3", "flush"], journal);
    }

    [Fact]
    public async Task The_trace_header_is_exported_to_the_environment()
    {
        const string traceId = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1";
        var environment = new FakeEnvironmentVariables();
        string? seen = null;
        var runtime = new FakeRuntimeApiClient().Enqueue("req-1", "{}", traceId);

        await Loop(runtime, environment, []).RunAsync(
            new DelegateFunctionHandler("h", _ => seen = environment.Get(RuntimeLoop.TraceIdVariable) ?? ""), CancellationToken.None);

        Assert.Equal(traceId, seen);
    }

    [Fact]
    public async Task The_invocation_span_continues_the_trace_from_the_runtime_header()
    {
        var requestId = Guid.NewGuid().ToString();
        var stopped = new ConcurrentBag<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == FunctionsTelemetry.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.GetTagItem(FunctionsTelemetry.InvocationIdTag) as string == requestId)
                {
                    stopped.Add(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var runtime = new FakeRuntimeApiClient().Enqueue(
            requestId, "{}", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        var environment = new FakeEnvironmentVariables(("AWS_LAMBDA_FUNCTION_NAME", "ConnectFunction"));

        await Loop(runtime, environment, []).RunAsync(new DelegateFunctionHandler("connect", _ => "{}"), CancellationToken.None);

        var activity = Assert.Single(stopped);
        Assert.Equal("connect", activity.DisplayName);
        Assert.Equal(ActivityKind.Server, activity.Kind);
        Assert.Equal("5759e988bd862e3fe1be46a994272793", activity.TraceId.ToHexString());
        Assert.Equal("53995c3f42cd8ad8", activity.ParentSpanId.ToHexString());
        Assert.True(activity.Recorded);
        Assert.Equal("ConnectFunction", activity.GetTagItem(FunctionsTelemetry.FunctionNameTag));
    }

    [Fact]
    public async Task A_passed_deadline_cancels_the_handler_token()
    {
        var runtime = new FakeRuntimeApiClient().Enqueue("req-1", "{}", deadlineMs: Now.AddSeconds(-1).ToUnixTimeMilliseconds());
        var handler = new CancellationObservingHandler();

        await Loop(runtime, new FakeEnvironmentVariables(), []).RunAsync(handler, CancellationToken.None);

        Assert.True(handler.WasCancelled);
        Assert.Contains("req-1", runtime.Errors.Keys);
    }

    [Theory]
    [InlineData(9_999_999_999_999)]
    [InlineData(long.MaxValue)]
    public async Task A_far_or_bogus_deadline_does_not_break_the_invocation(long deadlineMs)
    {
        var runtime = new FakeRuntimeApiClient().Enqueue("req-1", "{}", deadlineMs: deadlineMs);

        await Loop(runtime, new FakeEnvironmentVariables(), []).RunAsync(new DelegateFunctionHandler("h", _ => "ok"), CancellationToken.None);

        Assert.Equal("ok", runtime.Responses["req-1"]);
    }

    [Fact]
    public async Task Cancellation_stops_the_loop_with_exit_code_zero()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var exitCode = await Loop(new FakeRuntimeApiClient(), new FakeEnvironmentVariables(), [])
            .RunAsync(new DelegateFunctionHandler("h", _ => ""), cancelled.Token);

        Assert.Equal(0, exitCode);
    }

    private static RuntimeLoop Loop(FakeRuntimeApiClient runtime, FakeEnvironmentVariables environment, List<string> journal) =>
        new(runtime, environment, new JournalTelemetryFlusher(journal), new FixedTimeProvider(Now), NullLogger<RuntimeLoop>.Instance);

    private sealed class CancellationObservingHandler : IFunctionHandler
    {
        public bool WasCancelled { get; private set; }

        public string Name => "slow";

        public async Task<byte[]> InvokeAsync(ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
        {
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                WasCancelled = true;
                throw;
            }
            return [];
        }
    }
}
