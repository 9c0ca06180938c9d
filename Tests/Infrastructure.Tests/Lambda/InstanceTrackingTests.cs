using System.Text;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Tests.Infrastructure.Lambda;

/// <summary>What the endpoint tells the pool that scales a function: who is free, when more are needed, whose work was lost.</summary>
public sealed class InstanceTrackingTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static FunctionEndpoint Endpoint() => new("Fn", "fn", "arn:aws:lambda:us-east-1:123456789012:function:fn", TimeSpan.FromSeconds(30));

    private static Invocation Call(string id) => new(id, Encoding.UTF8.GetBytes("{}"), DateTimeOffset.UtcNow.AddMinutes(1), null);

    [Theory]
    [InlineData("ConnectFunction", "ConnectFunction", "0", "")]
    [InlineData("ConnectFunction.3", "ConnectFunction", "3", "")]
    [InlineData("ConnectFunction.3.abc.def", "ConnectFunction", "3", "abc.def")]
    public void The_runtime_path_segment_names_function_instance_and_token(string segment, string function, string instance, string token)
    {
        Assert.Equal(function, RuntimeApiEndpoints.FunctionId(segment));
        Assert.Equal(instance, RuntimeApiEndpoints.InstanceId(segment));
        Assert.Equal(token, RuntimeApiEndpoints.Token(segment));
    }

    [Fact]
    public void Only_the_latest_token_of_an_admitted_instance_is_accepted()
    {
        var endpoint = Endpoint();
        var first = endpoint.AdmitInstance("1");
        Assert.True(endpoint.Admits("1", first));
        Assert.False(endpoint.Admits("1", ""));
        Assert.False(endpoint.Admits("2", first));
        Assert.False(endpoint.Admits("0", ""));

        var second = endpoint.AdmitInstance("1"); // the instance was restarted
        Assert.NotEqual(first, second);
        Assert.False(endpoint.Admits("1", first));
        Assert.True(endpoint.Admits("1", second));
    }

    [Fact]
    public async Task An_instance_cannot_answer_an_invocation_another_instance_took()
    {
        var endpoint = Endpoint();
        var call = Call("x");
        endpoint.Enqueue(call);
        await endpoint.NextAsync("1", CancellationToken.None).AsTask().WaitAsync(Deadline);

        Assert.False(endpoint.Complete("2", "x", Encoding.UTF8.GetBytes("{}"), null));
        Assert.False(call.Result.IsCompleted);
        Assert.True(endpoint.Complete("1", "x", Encoding.UTF8.GetBytes("{}"), null));
    }

    [Fact]
    public async Task Demand_is_raised_only_when_nobody_is_waiting_for_work()
    {
        var endpoint = Endpoint();
        var demands = 0;
        endpoint.Demand += () => demands++;
        var polling = new List<string>();
        endpoint.InstancePolling += polling.Add;

        var next = endpoint.NextAsync("1", CancellationToken.None).AsTask();
        Assert.Equal(1, endpoint.WaitingCount);
        Assert.Equal(["1"], polling);

        endpoint.Enqueue(Call("a")); // handed to the waiting instance
        await next.WaitAsync(Deadline);
        Assert.Equal(0, demands);
        Assert.Equal(0, endpoint.WaitingCount);

        endpoint.Enqueue(Call("b")); // nobody free
        Assert.Equal(1, demands);
    }

    [Fact]
    public async Task A_dead_instance_fails_only_what_it_had_taken()
    {
        var endpoint = Endpoint();
        var mine = Call("mine");
        var theirs = Call("theirs");
        endpoint.Enqueue(mine);
        endpoint.Enqueue(theirs);
        await endpoint.NextAsync("1", CancellationToken.None).AsTask().WaitAsync(Deadline);
        await endpoint.NextAsync("2", CancellationToken.None).AsTask().WaitAsync(Deadline);

        endpoint.FailInFlight("2", "Runtime.ExitError", id => "exited " + id);

        Assert.Equal("Runtime.ExitError", (await theirs.Result.WaitAsync(Deadline)).ErrorType);
        Assert.False(mine.Result.IsCompleted);
        Assert.True(endpoint.Complete("mine", Encoding.UTF8.GetBytes("ok"), null));
    }
}
