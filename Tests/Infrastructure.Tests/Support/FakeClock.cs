using Microsoft.Extensions.Time.Testing;

namespace WebSocketAspire.Tests.Infrastructure.Support;

internal static class FakeClock
{
    /// <summary>
    /// Moves the fake clock a second at a time until <paramref name="task"/> completes: whoever waits on
    /// the clock may arm its timer a moment after the test got here. Bounded in real time.
    /// </summary>
    public static async Task AdvanceUntilDoneAsync(FakeTimeProvider time, Task task)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!task.IsCompleted)
        {
            try
            {
                await task.WaitAsync(TimeSpan.FromMilliseconds(50), giveUp.Token);
            }
            catch (TimeoutException)
            {
                time.Advance(TimeSpan.FromSeconds(1));
            }
        }
        await task;
    }
}
