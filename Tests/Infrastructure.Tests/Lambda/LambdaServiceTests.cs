using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Tests.Infrastructure.Support;

namespace WebSocketAspire.Tests.Infrastructure.Lambda;

public sealed partial class LambdaServiceTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);
    private static readonly DateTimeOffset Start = new(2024, 1, 20, 11, 55, 0, TimeSpan.Zero);

    private static (LambdaService Service, FunctionEndpoint Endpoint, FakeTimeProvider Time) Create(int timeoutSeconds = 3)
    {
        var time = new FakeTimeProvider(Start);
        var endpoint = new FunctionEndpoint("Echo", "websocketaspire-Echo", "arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Echo", TimeSpan.FromSeconds(timeoutSeconds), time);
        return (new LambdaService([endpoint], time, NullLogger.Instance), endpoint, time);
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Invoke_returns_what_the_runtime_answers()
    {
        var (service, endpoint, _) = Create();
        await using var runtime = new InProcessFunction(endpoint, e => FunctionReply.Ok("{\"echo\":" + e + "}"));

        var result = await service.InvokeAsync("Echo", Bytes("""{"a":1}"""), timeout: null, CancellationToken.None).WaitAsync(Deadline);

        Assert.False(result.IsError);
        Assert.Null(result.ErrorMessage);
        Assert.Equal("""{"echo":{"a":1}}""", Encoding.UTF8.GetString(result.Payload));
        Assert.True(Guid.TryParse(result.RequestId, out _));
        Assert.Equal(["""{"a":1}"""], runtime.Events);
    }

    [Fact]
    public async Task Invoke_carries_a_function_error()
    {
        var (service, endpoint, _) = Create();
        await using var runtime = new InProcessFunction(endpoint, _ => FunctionReply.Error("boom", "Error"));

        var result = await service.InvokeAsync("Echo", Bytes("{}"), timeout: null, CancellationToken.None).WaitAsync(Deadline);

        Assert.True(result.IsError);
        Assert.Equal("Error", result.ErrorType);
        Assert.Equal("boom", result.ErrorMessage);
    }

    [Fact]
    public async Task Invoke_of_an_unknown_function_answers_like_Lambda_with_ResourceNotFoundException()
    {
        var (service, _, _) = Create();

        var result = await service.InvokeAsync("Missing", Bytes("{}"), null, CancellationToken.None);

        Assert.Equal("ResourceNotFoundException", result.ErrorType);
        Assert.Equal("Function not found: Missing", result.ErrorMessage);
    }

    [Fact]
    public async Task InvocationCount_counts_invocations()
    {
        var (service, endpoint, _) = Create();
        await using var runtime = new InProcessFunction(endpoint, _ => FunctionReply.Ok("{}"));

        await service.InvokeAsync("Echo", Bytes("{}"), null, CancellationToken.None).WaitAsync(Deadline);
        await service.InvokeAsync("Echo", Bytes("{}"), null, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal(2, endpoint.InvocationCount);
        Assert.Same(endpoint, service.Find("Echo"));
        Assert.Null(service.Find("Missing"));
    }

    [Fact]
    public async Task A_shorter_caller_timeout_ends_the_wait_with_Integration_Timeout_and_a_late_answer_is_refused()
    {
        var (service, endpoint, time) = Create(timeoutSeconds: 3);

        var invoke = service.InvokeAsync("Echo", Bytes("{}"), TimeSpan.FromSeconds(1), CancellationToken.None);
        var taken = await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
        // The function's own deadline: its timeout, from when it started.
        Assert.Equal(Start.AddSeconds(3), taken.Deadline);
        time.Advance(TimeSpan.FromMilliseconds(999));
        Assert.False(invoke.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        var result = await invoke.WaitAsync(Deadline);

        Assert.Equal("Integration.Timeout", result.ErrorType);
        Assert.Equal("Endpoint request timed out", result.ErrorMessage);
        Assert.False(endpoint.Complete(taken.RequestId, Bytes("\"late\""), null));
        Assert.Equal(0, endpoint.InFlightCount);
    }

    [Fact]
    public async Task Past_the_function_timeout_it_is_Sandbox_Timedout_and_the_instance_is_to_be_replaced()
    {
        var (service, endpoint, time) = Create(timeoutSeconds: 3);
        var timedOut = new List<string>();
        endpoint.InstanceTimedOut += timedOut.Add;

        var invoke = service.InvokeAsync("Echo", Bytes("{}"), TimeSpan.FromSeconds(29), CancellationToken.None);
        var taken = await endpoint.NextAsync("7", CancellationToken.None).AsTask().WaitAsync(Deadline);
        Assert.Equal(Start.AddSeconds(3), taken.Deadline);
        time.Advance(TimeSpan.FromSeconds(3));
        var result = await invoke.WaitAsync(Deadline);

        Assert.Equal("Sandbox.Timedout", result.ErrorType);
        Assert.Equal($"2024-01-20T11:55:03.000Z {taken.RequestId} Task timed out after 3.00 seconds", result.ErrorMessage);
        Assert.Equal(["7"], timedOut);
        Assert.False(endpoint.Complete(taken.RequestId, Bytes("\"late\""), null));
    }

    [Fact]
    public async Task Time_spent_queued_does_not_count_against_the_function_timeout()
    {
        var (service, endpoint, time) = Create(timeoutSeconds: 3);

        var invoke = service.InvokeAsync("Echo", Bytes("{}"), TimeSpan.FromSeconds(29), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(10)); // no instance free for 10 s
        Assert.False(invoke.IsCompleted);
        var taken = await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
        Assert.Equal(Start.AddSeconds(13), taken.Deadline);
        endpoint.Complete(taken.RequestId, Bytes("{}"), null);

        Assert.Null((await invoke.WaitAsync(Deadline)).ErrorType);
    }

    [Fact]
    public async Task An_invocation_whose_caller_gave_up_while_it_was_queued_is_never_handed_out()
    {
        var (service, endpoint, time) = Create(timeoutSeconds: 3);

        var invoke = service.InvokeAsync("Echo", Bytes("{}"), TimeSpan.FromSeconds(2), CancellationToken.None);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("Integration.Timeout", (await invoke.WaitAsync(Deadline)).ErrorType);

        using var cancel = new CancellationTokenSource();
        var next = endpoint.NextAsync(cancel.Token).AsTask();
        Assert.False(next.IsCompleted);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Deadline));
    }

    [Fact]
    public async Task FailInit_answers_the_invocation_in_flight()
    {
        var (service, endpoint, _) = Create();

        var invoke = service.InvokeAsync("Echo", Bytes("{}"), null, CancellationToken.None);
        await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
        endpoint.FailInit(LambdaError.Create("Runtime.ExitError", "init failed"), "Runtime.ExitError");
        var result = await invoke.WaitAsync(Deadline);

        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.Equal("init failed", result.ErrorMessage);
    }

    [Fact]
    public async Task The_current_span_goes_to_the_runtime_as_the_trace_header()
    {
        var (service, endpoint, _) = Create();
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = ActivityTraceFlags.Recorded;
        activity.Start();

        var invoke = service.InvokeAsync("Echo", Bytes("{}"), null, CancellationToken.None);
        var taken = await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
        endpoint.Complete(taken.RequestId, Bytes("{}"), null);
        await invoke.WaitAsync(Deadline);

        Assert.Equal(LambdaService.TraceHeader(activity), taken.TraceHeader);
    }

    [Theory]
    [InlineData(true, "1")]
    [InlineData(false, "0")]
    public void TraceHeader_is_the_X_Ray_form_of_the_span(bool recorded, string sampled)
    {
        using var activity = new Activity("test").SetIdFormat(ActivityIdFormat.W3C);
        activity.ActivityTraceFlags = recorded ? ActivityTraceFlags.Recorded : ActivityTraceFlags.None;
        activity.Start();

        var header = LambdaService.TraceHeader(activity);

        Assert.NotNull(header);
        var match = TraceHeaderPattern().Match(header);
        Assert.True(match.Success, header);
        var traceId = activity.TraceId.ToHexString();
        Assert.Equal(traceId[..8], match.Groups["epoch"].Value);
        Assert.Equal(traceId[8..], match.Groups["unique"].Value);
        Assert.Equal(activity.SpanId.ToHexString(), match.Groups["parent"].Value);
        Assert.Equal(sampled, match.Groups["sampled"].Value);
    }

    [Fact]
    public void TraceHeader_is_null_without_a_span()
    {
        Assert.Null(LambdaService.TraceHeader(null));
    }

    [GeneratedRegex("^Root=1-(?<epoch>[0-9a-f]{8})-(?<unique>[0-9a-f]{24});Parent=(?<parent>[0-9a-f]{16});Sampled=(?<sampled>[01])$")]
    private static partial Regex TraceHeaderPattern();
}

/// <summary>How a Lambda API caller names a function: name, ARN, partial ARN, $LATEST, or locally the logical id.</summary>
public sealed class FunctionNameResolutionTests
{
    private static readonly LambdaService Service = new(
        [new FunctionEndpoint("Echo", "websocketaspire-Echo", "arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Echo", TimeSpan.FromSeconds(3))],
        TimeProvider.System, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);

    [Theory]
    [InlineData("websocketaspire-Echo")]
    [InlineData("websocketaspire-Echo:$LATEST")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Echo")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Echo:$LATEST")]
    [InlineData("123456789012:function:websocketaspire-Echo")]
    [InlineData("Echo")]
    public void A_function_is_found_by_any_of_its_names(string name) =>
        Assert.Equal("Echo", Service.Resolve(name)?.FunctionId);

    [Theory]
    [InlineData("websocketaspire-Other")]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-Echo:prod")]
    [InlineData("websocketaspire-Echo:1")]
    [InlineData("")]
    public void Unknown_names_versions_and_aliases_are_not_found(string name) =>
        Assert.Null(Service.Resolve(name));
}
