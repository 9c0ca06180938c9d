using Aspire.Hosting.ApplicationModel;
using WebSocketAspire.Tests.AppHost.EndToEnd;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Aspire;

/// <summary>Starting and stopping the real AppHost: stop runs every $disconnect; a broken template fails the stack visibly.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsa-lifecycle-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public async Task Stopping_the_apphost_runs_the_disconnect_function_for_every_open_connection()
    {
        string id;
        var stack = await AspireStack.StartAsync(dataDirectory: _folder);
        await using (stack)
        {
            var client = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello);
            id = await client.LearnConnectionIdAsync();
            Assert.True(await stack.HasConnectionRowAsync(id));
            // The client stays open: only the AppHost's stop closes it.
        }

        // The same data folder on the next start: the row DisconnectFunction deleted is gone.
        await using var again = await AspireStack.StartAsync(dataDirectory: _folder);
        Assert.False(await again.HasConnectionRowAsync(id), "the disconnect function ran during stop and deleted the row");
    }

    [SkippableFact]
    public async Task A_template_with_errors_fails_the_stack_and_its_log_names_each_error()
    {
        Directory.CreateDirectory(_folder);
        var template = Path.Combine(_folder, "broken.yaml");
        File.WriteAllText(template, "Resources:\n  Api:\n    Type: AWS::ApiGatewayV2::Api\n    Properties:\n      ProtocolType: WEBSOCKET\n      RouteSelectionExpression: $request.body.action\n      Name: !Ref Nope\n");
        await using var stack = await AspireStack.StartAsync(false, Path.Combine(_folder, "data"), false, "--template", template);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await stack.Notifications.WaitForResourceAsync("stack", e => e.Snapshot.State?.Text == KnownResourceStates.FailedToStart, timeout.Token);
        var lines = new List<string>();
        await foreach (var batch in stack.App.Services.GetResourceLogs("stack", timeout.Token))
        {
            lines.AddRange(batch);
            if (lines.Any(l => l.Contains("1 error(s)", StringComparison.Ordinal)))
            {
                break;
            }
        }
        Assert.Contains(lines, l => l.Contains("broken.yaml:7:", StringComparison.Ordinal) && l.Contains("Nope", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
