using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using WebSocketAspire.Hosting;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Aspire;

/// <summary>A user's own AppHost: another resource that references the stack's API gets its URLs and credentials.</summary>
public sealed class WithReferenceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "wsa-reference-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public async Task A_referencing_resource_receives_the_api_urls_and_credentials_once_the_api_runs()
    {
        RequiredTool.Require("node", "to run dynalite and the referencing process");
        // The AppHost's own model, plus what a user's AppHost would add: a process that references the API
        // and prints what it was given, one variable a line.
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(
            ["--gateway-port", "0", "--lambda-port", "0", "--dynamodb-port", "0", "--test-client-port", "0", "--data-dir", _folder]);
        builder.AddExecutable("client", "node", _folder, "-e",
                "for (const [k, v] of Object.entries(process.env)) if (k.startsWith('services__') || k.startsWith('AWS_')) console.log(k + '=' + v)")
            .WithReference(builder.CreateResourceBuilder<WebSocketApiResource>("WebSocketApi"));
        Directory.CreateDirectory(_folder);
        await using var app = await builder.BuildAsync();
        await using var disposeBuilder = builder;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await app.StartAsync(timeout.Token);

        var api = await app.ResourceNotifications.WaitForResourceAsync("WebSocketApi", e => e.ResourceId == "WebSocketApi" && e.Snapshot.State?.Text == KnownResourceStates.Running, timeout.Token);
        // It ran once the API ran (WithReference waits for it) and exited; its console log stays.
        var client = await app.ResourceNotifications.WaitForResourceAsync("client",
            e => e.Snapshot.State?.Text == KnownResourceStates.Finished || e.Snapshot.State?.Text == KnownResourceStates.Exited, timeout.Token);
        var lines = new List<string>();
        try
        {
            await foreach (var batch in app.Services.GetResourceLogs(client.ResourceId, timeout.Token))
            {
                lines.AddRange(batch);
                if (lines.Any(l => l.Contains("services__WebSocketApi__http__0=", StringComparison.Ordinal)) && lines.Any(l => l.Contains("AWS_SECRET_ACCESS_KEY=", StringComparison.Ordinal)))
                {
                    break;
                }
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"{client.ResourceId} ({client.Snapshot.State?.Text}, exit {client.Snapshot.ExitCode}) printed: " + string.Join(" | ", lines));
        }

        var websocket = api.Snapshot.Urls.Single(u => u.Name == "websocket").Url;
        var connections = api.Snapshot.Urls.Single(u => u.Name == "@connections").Url[..^"/@connections".Length];
        Assert.Contains($"services__WebSocketApi__ws__0={websocket}", lines);
        Assert.Contains($"services__WebSocketApi__http__0={connections}", lines);
        Assert.Contains($"AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI={connections}", lines);
        Assert.Contains($"AWS_ACCESS_KEY_ID={api.Snapshot.Properties.Single(p => p.Name == "aws.access_key_id").Value}", lines);
        Assert.Contains($"AWS_SECRET_ACCESS_KEY={api.Snapshot.Properties.Single(p => p.Name == "aws.secret_access_key").Value}", lines);
        Assert.Contains("AWS_REGION=us-east-1", lines);
        await app.StopAsync(timeout.Token);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
