using System.Text;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Tests.Infrastructure.Lambda;

public sealed class FunctionEndpointTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static FunctionEndpoint Endpoint() =>
        new("ChatFunction", "websocketaspire-ChatFunction", "arn:aws:lambda:us-east-1:123456789012:function:websocketaspire-ChatFunction", TimeSpan.FromSeconds(3));

    private static Invocation NewInvocation(string id) =>
        new(id, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.UnixEpoch.AddSeconds(3), traceHeader: null);

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    [Fact]
    public async Task Next_hands_out_the_queued_invocation_and_Complete_answers_it()
    {
        var endpoint = Endpoint();
        var invocation = NewInvocation("r1");
        endpoint.Enqueue(invocation);
        Assert.Equal(1, endpoint.PendingCount);

        var taken = await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);

        Assert.Same(invocation, taken);
        Assert.Equal(0, endpoint.PendingCount);
        Assert.Equal(1, endpoint.InFlightCount);
        Assert.True(endpoint.Complete("r1", Bytes("\"ok\""), errorType: null));
        var result = await invocation.Result.WaitAsync(Deadline);
        Assert.Equal("\"ok\"", Encoding.UTF8.GetString(result.Payload));
        Assert.False(result.IsError);
        Assert.Equal(0, endpoint.InFlightCount);
    }

    [Fact]
    public async Task An_answered_invocation_is_released_when_its_instance_asks_for_more_and_its_late_lines_stay_its_own()
    {
        var endpoint = Endpoint();
        endpoint.Enqueue(NewInvocation("r1"));
        var taken = await endpoint.NextAsync("2", CancellationToken.None).AsTask().WaitAsync(Deadline);
        Assert.True(endpoint.Complete("2", "r1", Bytes("{}"), errorType: null));
        var result = await taken.Result.WaitAsync(Deadline);

        // Answered, but the instance has not asked again: what it prints now is still r1's.
        Assert.False(result.Released.IsCompleted);
        Assert.Equal("r1", endpoint.LastTakenOn("2"));
        Assert.Null(endpoint.LastTakenOn("3"));

        using var stop = new CancellationTokenSource();
        var polling = endpoint.NextAsync("2", stop.Token).AsTask();
        await result.Released.WaitAsync(Deadline);
        Assert.Null(endpoint.LastTakenOn("2"));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => polling);
    }

    [Fact]
    public async Task Complete_refuses_unknown_and_finished_ids()
    {
        var endpoint = Endpoint();
        endpoint.Enqueue(NewInvocation("r1"));
        await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);

        Assert.False(endpoint.Complete("nope", Bytes("{}"), null));
        Assert.True(endpoint.Complete("r1", Bytes("{}"), null));
        Assert.False(endpoint.Complete("r1", Bytes("{}"), null));
    }

    [Fact]
    public void Complete_refuses_an_invocation_no_runtime_has_taken()
    {
        var endpoint = Endpoint();
        endpoint.Enqueue(NewInvocation("r1"));

        Assert.False(endpoint.Complete("r1", Bytes("{}"), null));
    }

    [Fact]
    public async Task Next_waits_for_work_and_honours_cancellation()
    {
        var endpoint = Endpoint();
        using var cancel = new CancellationTokenSource();

        var next = endpoint.NextAsync(cancel.Token).AsTask();
        Assert.False(next.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Deadline));
    }

    [Fact]
    public async Task Next_skips_invocations_that_finished_while_queued()
    {
        var endpoint = Endpoint();
        var stale = NewInvocation("r1");
        var fresh = NewInvocation("r2");
        endpoint.Enqueue(stale);
        endpoint.Enqueue(fresh);
        stale.TryComplete(LambdaError.Create("Sandbox.Timedout", "timed out"), "Sandbox.Timedout");

        var taken = await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);

        Assert.Same(fresh, taken);
    }

    [Fact]
    public async Task InvocationCount_counts_every_enqueue()
    {
        var endpoint = Endpoint();
        endpoint.Enqueue(NewInvocation("r1"));
        endpoint.Enqueue(NewInvocation("r2"));
        await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
        endpoint.FailInit(LambdaError.Create("Runtime.ExitError", "exit 1"), "Runtime.ExitError");
        endpoint.Enqueue(NewInvocation("r3"));

        Assert.Equal(3, endpoint.InvocationCount);
    }

    [Fact]
    public async Task FailInit_answers_in_flight_queued_and_later_invocations_until_the_next_Next()
    {
        var endpoint = Endpoint();
        var inFlight = NewInvocation("r1");
        var queued = NewInvocation("r2");
        endpoint.Enqueue(inFlight);
        await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
        endpoint.Enqueue(queued);
        var error = LambdaError.Create("Runtime.InvalidEntrypoint", "no bootstrap");

        endpoint.FailInit(error, "Runtime.InvalidEntrypoint");

        foreach (var invocation in new[] { inFlight, queued })
        {
            var result = await invocation.Result.WaitAsync(Deadline);
            Assert.Equal("Runtime.InvalidEntrypoint", result.ErrorType);
            Assert.Equal("no bootstrap", result.ErrorMessage);
        }
        Assert.Equal(0, endpoint.InFlightCount);
        Assert.Equal(0, endpoint.PendingCount);

        var later = NewInvocation("r3");
        endpoint.Enqueue(later);
        Assert.True(later.Result.IsCompleted);
        Assert.Equal("Runtime.InvalidEntrypoint", (await later.Result).ErrorType);

        // A runtime instance asking for work has initialised: the init error no longer applies.
        var next = endpoint.NextAsync(CancellationToken.None).AsTask();
        var afterRestart = NewInvocation("r4");
        endpoint.Enqueue(afterRestart);
        Assert.Same(afterRestart, await next.WaitAsync(Deadline));
        Assert.False(afterRestart.Result.IsCompleted);
    }

    [Fact]
    public async Task FailInFlight_fails_only_the_invocations_in_flight()
    {
        var endpoint = Endpoint();
        var inFlight = NewInvocation("r1");
        var queued = NewInvocation("r2");
        endpoint.Enqueue(inFlight);
        await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);
        endpoint.Enqueue(queued);

        endpoint.FailInFlight(FunctionEndpoint.DefaultInstance, "Runtime.ExitError", id => $"RequestId: {id} Error: Runtime exited with error: exit status 1");

        var result = await inFlight.Result.WaitAsync(Deadline);
        Assert.Equal("Runtime.ExitError", result.ErrorType);
        Assert.Equal("RequestId: r1 Error: Runtime exited with error: exit status 1", result.ErrorMessage);
        Assert.False(queued.Result.IsCompleted);
        Assert.Equal(1, endpoint.PendingCount);
        Assert.Equal(0, endpoint.InFlightCount);
    }

    [Fact]
    public async Task Abandon_makes_a_late_response_be_refused()
    {
        var endpoint = Endpoint();
        var invocation = NewInvocation("r1");
        endpoint.Enqueue(invocation);
        await endpoint.NextAsync(CancellationToken.None).AsTask().WaitAsync(Deadline);

        endpoint.Abandon(invocation);

        Assert.False(endpoint.Complete("r1", Bytes("{}"), null));
        Assert.Equal(0, endpoint.InFlightCount);
    }
}

public sealed class LambdaErrorTests
{
    [Theory]
    [InlineData("""{"errorMessage":"boom","errorType":"Error"}""", "boom")]
    [InlineData("""{"errorType":"Error","stackTrace":[],"errorMessage":"late"}""", "late")]
    [InlineData("""{"errorType":"Error","nested":{"errorMessage":"no"}}""", null)]
    [InlineData("""{"errorMessage":42}""", null)]
    [InlineData("""["errorMessage"]""", null)]
    [InlineData("not json", null)]
    [InlineData("", null)]
    public void ReadMessage_reads_the_top_level_errorMessage(string payload, string? expected)
    {
        Assert.Equal(expected, LambdaError.ReadMessage(Encoding.UTF8.GetBytes(payload)));
    }

    [Fact]
    public void Create_round_trips_through_ReadMessage()
    {
        var payload = LambdaError.Create("Error", "quote \" and \\ and é");

        Assert.Equal("quote \" and \\ and é", LambdaError.ReadMessage(payload));
    }
}
