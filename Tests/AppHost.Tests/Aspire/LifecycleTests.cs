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
    public async Task A_template_with_errors_fails_the_stack_and_starts_once_the_file_is_fixed()
    {
        Directory.CreateDirectory(_folder);
        var template = Path.Combine(_folder, "template.yaml");
        // The real stack, copied elsewhere (so its CodeUri names the Functions project absolutely), with one bad output.
        var valid = File.ReadAllText(RepositoryLayout.Template)
            .Replace("CodeUri: ../Functions", "CodeUri: " + Path.Combine(RepositoryLayout.Root, "Functions"), StringComparison.Ordinal);
        var broken = valid.TrimEnd() + "\n  Broken:\n    Value: !Ref Nope\n";
        var badLine = broken.Split('\n').Length - 1;
        File.WriteAllText(template, broken);
        await using var stack = await AspireStack.StartAsync(false, Path.Combine(_folder, "data"), false, "--template", template);

        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await stack.Notifications.WaitForResourceAsync("stack", e => e.ResourceId == "stack" && e.Snapshot.State?.Text == KnownResourceStates.FailedToStart, timeout.Token);
        var lines = new List<string>();
        await foreach (var batch in stack.App.Services.GetResourceLogs("stack", timeout.Token))
        {
            lines.AddRange(batch);
            if (lines.Any(l => l.Contains("1 error(s)", StringComparison.Ordinal)))
            {
                break;
            }
        }
        Assert.Contains(lines, l => l.Contains($"template.yaml:{badLine}:", StringComparison.Ordinal) && l.Contains("Nope", StringComparison.Ordinal));

        // Fixing the file starts the stack, with the resources the broken template already named.
        File.WriteAllText(template, valid);
        await stack.WaitForApiAsync(timeout.Token);
        await using var client = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello);
        await client.SendAsync("""{"action":"sendmessage","message":"fixed"}""");
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync(TimeSpan.FromSeconds(30)));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
