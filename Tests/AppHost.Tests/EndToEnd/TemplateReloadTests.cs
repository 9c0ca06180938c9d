using System.Text.Json;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>Editing the template while the stack runs: applied live, open connections kept, invalid edits refused.</summary>
public sealed class TemplateReloadTests : IAsyncLifetime
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsa-reload-" + Guid.NewGuid().ToString("N"));
    private readonly StringWriter _log = new();
    private LocalStack? _stack;

    private string TemplatePath => Path.Combine(_folder, "template.yaml");

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_folder);
        // The copy lives elsewhere, so its CodeUri has to name the Functions project absolutely.
        var template = File.ReadAllText(Path.Combine(RepositoryLayout.Root, "Infrastructure", "template.yaml"))
            .Replace("CodeUri: ../Functions", "CodeUri: " + Path.Combine(RepositoryLayout.Root, "Functions"), StringComparison.Ordinal);
        File.WriteAllText(TemplatePath, template);
        return Task.CompletedTask;
    }

    [SkippableFact]
    public async Task Edits_apply_without_dropping_connections_and_invalid_edits_keep_the_running_stack()
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        _stack = await LocalStack.StartAsync(new LocalStackOptions
        {
            TemplatePath = TemplatePath,
            DataDirectory = Path.Combine(_folder, "data"),
            StartTimeout = TimeSpan.FromMinutes(3),
        }, ResourceConsole.To(TextWriter.Synchronized(_log)), CancellationToken.None);

        await using var client = await TestClient.ConnectAsync(_stack.WebSocketUrl, StackFixture.Hello);
        await client.SendAsync(Message("sendmessage"));
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        // Rename the route: the open connection follows the new routing at once.
        Edit(t => t.Replace("RouteKey: sendmessage", "RouteKey: shout", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(_stack.Reloads == 1), "the renamed route was applied");
        await client.SendAsync(Message("sendmessage"));
        Assert.Contains("\"message\": \"Forbidden\"", await client.ReceiveAsync(), StringComparison.Ordinal);
        await client.SendAsync(Message("shout"));
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        // A broken edit changes nothing and says why.
        var good = File.ReadAllText(TemplatePath);
        File.WriteAllText(TemplatePath, good.Replace("!Ref WebSocketApi", "!Ref WebSocketAPI", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(_stack.RejectedReloads == 1), "the invalid edit was refused");
        Assert.Contains("WebSocketAPI", _log.ToString(), StringComparison.Ordinal);
        await client.SendAsync(Message("shout"));
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        // Values CloudFormation refuses, and a mapping template that does not parse, are refused too.
        File.WriteAllText(TemplatePath, good.Replace("Timeout: 10", "Timeout: -5", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(_stack.RejectedReloads == 2), "the negative timeout was refused");
        File.WriteAllText(TemplatePath, good.Replace("        $default: |\n", "        $default: |\n          #if($x\n", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(_stack.RejectedReloads == 3), "the broken mapping template was refused");
        Assert.Contains("Timeout -5 must be between 1 and 900", _log.ToString(), StringComparison.Ordinal);
        Assert.Contains("does not parse", _log.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, _stack.Reloads);
        await client.SendAsync(Message("shout"));
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());

        // A change to the functions' environment restarts them with it; the connection stays.
        File.WriteAllText(TemplatePath, good.Replace("TABLE_NAME: !Ref ConnectionTable", "TABLE_NAME: !Ref ConnectionTable\n        GREETING: edited", StringComparison.Ordinal));
        await Eventually.TrueAsync(() => Task.FromResult(_stack.Reloads == 2), "the environment change was applied");
        Assert.All(_stack.Functions, f => Assert.Contains("GREETING=edited", f.Fingerprint, StringComparison.Ordinal));
        await client.SendAsync(Message("shout"));
        Assert.Equal(StackFixture.Reply, await client.ReceiveAsync());
        Assert.Equal(System.Net.WebSockets.WebSocketState.Open, client.State);
        await client.CloseAsync();
    }

    private void Edit(Func<string, string> change) => File.WriteAllText(TemplatePath, change(File.ReadAllText(TemplatePath)));

    private static string Message(string action) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["action"] = action, ["message"] = "hey queen" });

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.StopAsync();
        }
        Directory.Delete(_folder, recursive: true);
        _log.Dispose();
    }
}
