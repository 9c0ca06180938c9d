using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Resources;

/// <summary>How a function's instances scale out, stay within their limit and recover, with in-process fake instances.</summary>
public sealed class FunctionPoolTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_second_instance_starts_when_an_invocation_waits_and_none_is_free()
    {
        await using var pool = new Pool(reserved: null);
        var first = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.InFlightCount == 1), "instance 1 took the first invocation");

        var second = await pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("quick"), null, CancellationToken.None).WaitAsync(Deadline);

        Assert.Equal("done by 2", Encoding.UTF8.GetString(second.Payload));
        Assert.False(first.IsCompleted);
        Assert.Equal(2, pool.Resource.InstanceCount);
        pool.Launcher.Release.TrySetResult();
        Assert.Equal("done by 1", Encoding.UTF8.GetString((await first.WaitAsync(Deadline)).Payload));
    }

    [Fact]
    public async Task Reserved_concurrency_caps_the_instances_and_later_invocations_wait_their_turn()
    {
        await using var pool = new Pool(reserved: 1);
        var first = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.InFlightCount == 1), "instance 1 took the first invocation");

        var second = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("quick"), null, CancellationToken.None);
        Assert.Equal(1, pool.Endpoint.PendingCount);
        Assert.Equal(1, pool.Resource.InstanceCount);

        pool.Launcher.Release.TrySetResult();
        Assert.Equal("done by 1", Encoding.UTF8.GetString((await second.WaitAsync(Deadline)).Payload));
        await first.WaitAsync(Deadline);
        Assert.Equal(1, pool.Launcher.Launched);
    }

    [Fact]
    public async Task A_dead_instance_fails_only_its_own_invocation_and_is_started_again()
    {
        await using var pool = new Pool(reserved: null);
        var onFirst = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.InFlightCount == 1), "instance 1 took the first invocation");
        var onSecond = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.InFlightCount == 2), "instance 2 took the second invocation");

        pool.Launcher.Instances["2"].Kill();

        var failed = await onSecond.WaitAsync(Deadline);
        Assert.Equal("Runtime.ExitError", failed.ErrorType);
        Assert.False(onFirst.IsCompleted);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Resource.Restarts == 1), "the dead instance was started again");
        pool.Launcher.Release.TrySetResult();
        Assert.Equal("done by 1", Encoding.UTF8.GetString((await onFirst.WaitAsync(Deadline)).Payload));
    }

    [Fact]
    public async Task Beyond_the_eager_instances_another_starts_only_once_an_invocation_has_run_a_while()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var pool = new Pool(reserved: null, time: time);
        var eager = FunctionResource.EagerInstances;
        var blocked = await pool.BlockEagerInstancesAsync();

        // A quick function's waiting invocation does not start another process (demand is handled synchronously)...
        pool.Endpoint.RecordDuration(TimeSpan.FromMilliseconds(2));
        blocked.Add(pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None));
        Assert.Equal(eager, pool.Resource.InstanceCount);

        // ...until what is in flight has run as long as a slow invocation: it waits on something, so another instance helps.
        time.Advance(FunctionResource.SlowInvocation);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Resource.InstanceCount > eager), "an invocation in flight for a while got the waiting one an instance of its own");

        pool.Launcher.Release.TrySetResult();
        await Task.WhenAll(blocked).WaitAsync(Deadline);
    }

    [Fact]
    public async Task On_a_machine_with_every_core_busy_a_long_invocation_does_not_start_another_instance()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        long ticks = 0;
        (long, long)? Busy() => (ticks += 100, 0); // all of every tick busy
        await using var pool = new Pool(reserved: null, time: time, cpu: Busy);
        var eager = FunctionResource.EagerInstances;
        var blocked = await pool.BlockEagerInstancesAsync();
        blocked.Add(pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None));

        // Each look comes after the in-flight invocation has run long, and each finds the CPUs saturated.
        for (var i = 0; i < 5; i++)
        {
            time.Advance(FunctionResource.SlowInvocation);
        }

        Assert.Equal(eager, pool.Resource.InstanceCount);
        pool.Launcher.Release.TrySetResult();
        await Task.WhenAll(blocked).WaitAsync(Deadline);
    }

    [Fact]
    public void Cpu_saturation_is_read_over_a_recent_window_only()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        (long, long) next = (0, 0);
        var saturation = new CpuSaturation(time, () => next);

        Assert.Null(saturation.IsSaturated); // the first reading only starts a window
        next = (100, 5);
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.True(saturation.IsSaturated);
        next = (200, 55);
        time.Advance(TimeSpan.FromMilliseconds(300));
        Assert.False(saturation.IsSaturated);
        next = (300, 55);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.False(saturation.IsSaturated); // too short a window to say: the last answer stands
        time.Advance(TimeSpan.FromSeconds(5));
        Assert.Null(saturation.IsSaturated); // a window that old says nothing about now: a new one starts

        Assert.False(new CpuSaturation(time, () => null).IsSaturated); // a machine that cannot be read never holds back
    }

    [Fact]
    public async Task A_function_whose_invocations_take_a_while_scales_out_at_once()
    {
        await using var pool = new Pool(reserved: null);
        var eager = FunctionResource.EagerInstances;
        var blocked = await pool.BlockEagerInstancesAsync();
        for (var i = 0; i < 40; i++)
        {
            pool.Endpoint.RecordDuration(TimeSpan.FromSeconds(1));
        }

        blocked.Add(pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None));

        Assert.Equal(eager + 1, pool.Resource.InstanceCount);
        pool.Launcher.Release.TrySetResult();
        await Task.WhenAll(blocked).WaitAsync(Deadline);
    }

    [Fact]
    public async Task An_instance_beyond_the_first_that_waits_a_minute_without_work_is_stopped_and_the_first_stays()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var pool = new Pool(reserved: null, time: time);
        var first = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.InFlightCount == 1), "instance 1 took the first invocation");
        var quick = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("quick"), null, CancellationToken.None);
        time.Advance(FunctionResource.SlowInvocation); // the first has run a while: a second instance starts
        Assert.Equal("done by 2", Encoding.UTF8.GetString((await quick.WaitAsync(Deadline)).Payload));
        pool.Launcher.Release.TrySetResult();
        await first.WaitAsync(Deadline);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.WaitingCount == 2), "both instances wait for work");

        time.Advance(FunctionResource.IdleInstanceLifetime - TimeSpan.FromSeconds(1));
        await pool.Resource.ReclaimIdleAsync();
        Assert.Equal(2, pool.Resource.InstanceCount);

        time.Advance(TimeSpan.FromSeconds(1));
        await pool.Resource.ReclaimIdleAsync();

        Assert.Equal(1, pool.Resource.InstanceCount);
        Assert.Equal(1, pool.Resource.Reclaimed);
        await pool.Launcher.Instances["2"].Exited.WaitAsync(Deadline);
        Assert.Equal("done by 1", Encoding.UTF8.GetString((await pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("quick"), null, CancellationToken.None).WaitAsync(Deadline)).Payload));
        Assert.Equal(0, pool.Resource.Restarts);
    }

    [Fact]
    public async Task A_busy_instance_is_not_reclaimed_however_long_it_runs()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var pool = new Pool(reserved: null, timeout: TimeSpan.FromMinutes(15), time: time);
        var first = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.InFlightCount == 1), "instance 1 took the first invocation");
        var second = pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None);
        time.Advance(FunctionResource.SlowInvocation);
        await Eventually.TrueAsync(() => Task.FromResult(pool.Endpoint.InFlightCount == 2), "instance 2 took the second invocation");

        time.Advance(FunctionResource.IdleInstanceLifetime * 3);
        await pool.Resource.ReclaimIdleAsync();

        Assert.Equal(2, pool.Resource.InstanceCount);
        Assert.Equal(0, pool.Resource.Reclaimed);
        pool.Launcher.Release.TrySetResult();
        Assert.Equal("done by 2", Encoding.UTF8.GetString((await second.WaitAsync(Deadline)).Payload));
        await first.WaitAsync(Deadline);
    }

    [Fact]
    public async Task An_instance_that_runs_past_the_timeout_is_ended_and_the_next_invocation_gets_a_fresh_one()
    {
        await using var pool = new Pool(reserved: 1, timeout: TimeSpan.FromSeconds(1));
        var hung = await pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal("Sandbox.Timedout", hung.ErrorType);

        await Eventually.TrueAsync(() => Task.FromResult(pool.Resource.Restarts == 1), "the timed-out instance was replaced");
        var next = await pool.Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("quick"), null, CancellationToken.None).WaitAsync(Deadline);
        Assert.Equal("done by 1", Encoding.UTF8.GetString(next.Payload));
        Assert.Equal(2, pool.Launcher.Launched);
    }

    /// <summary>A function served by fake instances that answer "done by {instance}" (after Release for "block").</summary>
    private sealed class Pool : IAsyncDisposable
    {
        public Pool(int? reserved, TimeSpan? timeout = null, TimeProvider? time = null, Func<(long, long)?>? cpu = null)
        {
            time ??= TimeProvider.System;
            Endpoint = new FunctionEndpoint("Fn", "fn", "arn:aws:lambda:us-east-1:123456789012:function:fn", timeout ?? TimeSpan.FromSeconds(30), time);
            Lambda = new LambdaService([Endpoint], time, NullLogger.Instance);
            Launcher = new FakeLauncher(Endpoint);
            var model = new FunctionModel { LogicalId = "Fn", FunctionName = "fn", Arn = Endpoint.Arn, Handler = "fn", ReservedConcurrentExecutions = reserved };
            Resource = new FunctionResource(model, Endpoint, new ProcessStartInfo("fake"),
                new Dictionary<string, string> { [ProcessLauncher.RuntimeApiVariable] = "127.0.0.1:1/Fn" },
                ResourceConsole.To(TextWriter.Null), time, Launcher, new CpuSaturation(time, cpu ?? (() => null)));
            Resource.Start();
        }

        public FunctionEndpoint Endpoint { get; }
        public LambdaService Lambda { get; }

        /// <summary>Gives every eager instance an invocation that blocks until <see cref="FakeLauncher.Release"/>.</summary>
        public async Task<List<Task<InvocationResult>>> BlockEagerInstancesAsync()
        {
            var blocked = new List<Task<InvocationResult>>();
            for (var busy = 1; busy <= FunctionResource.EagerInstances; busy++)
            {
                blocked.Add(Lambda.InvokeAsync("Fn", Encoding.UTF8.GetBytes("block"), null, CancellationToken.None));
                var expected = busy;
                await Eventually.TrueAsync(() => Task.FromResult(Endpoint.InFlightCount == expected), $"{expected} eager instance(s) took work");
            }
            return blocked;
        }
        public FakeLauncher Launcher { get; }
        public FunctionResource Resource { get; }

        public async ValueTask DisposeAsync()
        {
            Launcher.Release.TrySetResult();
            await Resource.DisposeAsync();
        }
    }

    private sealed class FakeLauncher(FunctionEndpoint endpoint) : IInstanceLauncher
    {
        private int _launched;

        public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public Dictionary<string, FakeInstance> Instances { get; } = [];
        public int Launched => Volatile.Read(ref _launched);

        public IFunctionInstance Launch(string name, string instanceId, string token, ProcessStartInfo template)
        {
            Interlocked.Increment(ref _launched);
            var instance = new FakeInstance(endpoint, instanceId, Release.Task);
            lock (Instances)
            {
                Instances[instanceId] = instance;
            }
            return instance;
        }
    }

    /// <summary>An in-process runtime loop on the endpoint, as a bootstrap process would run it.</summary>
    private sealed class FakeInstance : IFunctionInstance
    {
        private readonly CancellationTokenSource _kill = new();
        private readonly TaskCompletionSource<int> _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public FakeInstance(FunctionEndpoint endpoint, string instanceId, Task release)
        {
            Id = Environment.ProcessId;
            _ = RunAsync(endpoint, instanceId, release);
        }

        public int Id { get; }
        public Task<int> Exited => _exited.Task;

        private async Task RunAsync(FunctionEndpoint endpoint, string instanceId, Task release)
        {
            try
            {
                while (true)
                {
                    var invocation = await endpoint.NextAsync(instanceId, _kill.Token);
                    if (Encoding.UTF8.GetString(invocation.Payload) == "block")
                    {
                        await release.WaitAsync(_kill.Token);
                    }

                    endpoint.Complete(invocation.RequestId, Encoding.UTF8.GetBytes("done by " + instanceId), errorType: null);
                }
            }
            catch (OperationCanceledException)
            {
                _exited.TrySetResult(137);
            }
        }

        public void Kill() => _kill.Cancel();

        public Task StopAsync(TimeSpan grace)
        {
            Kill();
            return _exited.Task;
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            _kill.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
