using System.Net;
using System.Net.WebSockets;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Playwright;
using WebSocketAspire.Tests.AppHost.EndToEnd;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Aspire;

/// <summary>
/// The real Aspire AppHost with its dashboard, started once for these tests: the README's exchange,
/// the two 401s, two clients, odd text, the resources and commands Aspire shows, and the dashboard
/// itself in Chromium.
/// </summary>
public sealed class AppHostFixture : IAsyncLifetime
{
    private AspireStack? _stack;

    internal AspireStack Stack => _stack ?? throw new InvalidOperationException("not started");

    public async Task InitializeAsync()
    {
        if (RequiredTool.OnPath("node") && RequiredTool.OnPath("npm"))
        {
            _stack = await AspireStack.StartAsync(dashboard: true);
        }
    }

    internal AspireStack Require()
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        return Stack;
    }

    public async Task DisposeAsync()
    {
        if (_stack is not null)
        {
            await _stack.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class AppHostCollection : ICollectionFixture<AppHostFixture>
{
    public const string Name = "aspire apphost";
}

[Collection(AppHostCollection.Name)]
public sealed class AppHostTests(AppHostFixture fixture)
{
    [SkippableFact]
    public async Task The_readme_exchange_gets_the_reply_and_both_401s_hold()
    {
        var stack = fixture.Require();
        await using (var client = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello))
        {
            await client.SendAsync("""{"action":"sendmessage","message":"hey queen"}""");
            Assert.Equal(StackFixture.Reply, await client.ReceiveAsync(TimeSpan.FromSeconds(30)));
        }
        Assert.Equal(HttpStatusCode.Unauthorized, await TestClient.RefusedStatusAsync(stack.WebSocketUrl));
        Assert.Equal(HttpStatusCode.Unauthorized, await TestClient.RefusedStatusAsync(stack.WebSocketUrl, new Dictionary<string, string> { ["token"] = "nope" }));
    }

    [SkippableTheory]
    [InlineData("it's \"quoted\" \\ back/slash")]
    [InlineData("héllo — 你好 🎉 </script> ${x} #if(")]
    public async Task Two_clients_with_odd_text_each_get_their_own_reply(string text)
    {
        var stack = fixture.Require();
        await using var first = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello);
        await using var second = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello);
        var payload = System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, string> { ["action"] = "sendmessage", ["message"] = text });
        await Task.WhenAll(first.SendAsync(payload), second.SendAsync(payload));
        Assert.Equal(StackFixture.Reply, await first.ReceiveAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(StackFixture.Reply, await second.ReceiveAsync(TimeSpan.FromSeconds(30)));
        var firstId = await first.LearnConnectionIdAsync();
        Assert.True(await stack.HasConnectionRowAsync(firstId), "ConnectFunction stored the connection in DynamoDB");
    }

    [SkippableFact]
    public async Task The_stack_its_api_functions_and_store_are_resources_under_the_stack()
    {
        var stack = fixture.Require();
        foreach (var name in new[] { "stack", AspireStack.ApiName, "AuthorizerFunction", "ConnectFunction", "DisconnectFunction", "SendMessageFunction", AspireStack.StoreName })
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            var running = await stack.Notifications.WaitForResourceAsync(name, e => e.ResourceId == name && e.Snapshot.State?.Text == KnownResourceStates.Running, timeout.Token);
            if (name != "stack")
            {
                Assert.Contains(running.Snapshot.Properties, p => p.Name == "resource.parentName" && Equals(p.Value, "stack"));
            }
        }
        Assert.True(stack.Notifications.TryGetCurrentState(AspireStack.ApiName, out var api));
        Assert.Contains(api!.Snapshot.Urls, u => u.Name == "@connections" && u.Url.EndsWith("/stage/@connections", StringComparison.Ordinal));
        Assert.Contains(api.Snapshot.Urls, u => u.Name == "test client" && u.Url.Contains("/?t=", StringComparison.Ordinal));
        Assert.Contains(api.Snapshot.Properties, p => p.Name == "aws.secret_access_key" && p.IsSensitive);
    }

    [SkippableFact]
    public async Task Disconnect_all_closes_every_connection_and_runs_each_disconnect()
    {
        var stack = fixture.Require();
        await using var client = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello);
        var id = await client.LearnConnectionIdAsync();
        Assert.True(await stack.HasConnectionRowAsync(id));

        var result = await stack.App.ResourceCommands.ExecuteCommandAsync(AspireStack.ApiName, "disconnect-all");

        Assert.True(result.Success, result.Message);
        await Assert.ThrowsAnyAsync<Exception>(() => client.ReceiveAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(WebSocketCloseStatus.NormalClosure, client.CloseStatus);
        Assert.False(await stack.HasConnectionRowAsync(id), "DisconnectFunction removed the row");
    }

    [SkippableFact]
    public async Task The_invoke_command_runs_a_function_with_its_routes_sample_event_and_logs_the_result()
    {
        var stack = fixture.Require();

        var result = await stack.App.ResourceCommands.ExecuteCommandAsync("AuthorizerFunction", "invoke-function");

        Assert.True(result.Success, result.Message);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var lines = new List<string>();
        await foreach (var batch in stack.App.Services.GetResourceLogs("AuthorizerFunction", timeout.Token))
        {
            lines.AddRange(batch);
            if (lines.Any(l => l.Contains("\"Effect\":\"Allow\"", StringComparison.Ordinal)))
            {
                break;
            }
        }
        Assert.Contains(lines, l => l.Contains("Invoke with the token-authorizer authorizer's request", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_banners_aws_cli_command_posts_to_an_open_connection()
    {
        var stack = fixture.Require();
        RequiredTool.Require("aws", "to run the banner's AWS CLI command (awscli)");
        await using var client = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello);
        var id = await client.LearnConnectionIdAsync();
        var endpoint = stack.WebSocketUrl.ToString().Replace("ws://", "http://", StringComparison.Ordinal).TrimEnd('/');

        // The banner's line, with the id filled in, after the banner's exports.
        var start = new System.Diagnostics.ProcessStartInfo("aws") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "apigatewaymanagementapi", "post-to-connection", "--endpoint-url", endpoint, "--connection-id=" + id, "--data", "hello" })
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(key);
        }
        start.Environment["AWS_ACCESS_KEY_ID"] = stack.AccessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = stack.SecretAccessKey;
        start.Environment["AWS_REGION"] = "us-east-1";
        start.Environment["AWS_DEFAULT_REGION"] = "us-east-1";
        using var aws = System.Diagnostics.Process.Start(start)!;
        var output = aws.StandardOutput.ReadToEndAsync();
        var error = aws.StandardError.ReadToEndAsync();
        await aws.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(aws.ExitCode == 0, $"aws exited {aws.ExitCode}: {await error} {await output}");
        Assert.Equal("hello", await client.ReceiveAsync(TimeSpan.FromSeconds(30)));
    }

    [SkippableFact]
    public async Task Telemetry_without_Aspires_api_key_is_refused_by_the_dashboard()
    {
        var stack = fixture.Require();
        // The dashboard's OTLP/HTTP endpoint as DCP allocated it: anyone without the key gets 401.
        var model = (DistributedApplicationModel)stack.App.Services.GetService(typeof(DistributedApplicationModel))!;
        var dashboard = (IResourceWithEndpoints)model.Resources.Single(r => r.Name == "aspire-dashboard");
        var otlpHttp = dashboard.GetEndpoint("otlp-http").Url;
        using var http = new HttpClient();
        using var content = new ByteArrayContent([]);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        using var response = await http.PostAsync(new Uri(new Uri(otlpHttp), "/v1/logs"), content);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

        // With the key the AppHost hands its resources (and the stack's processes), the same request is taken.
        var configuration = (Microsoft.Extensions.Configuration.IConfiguration)stack.App.Services.GetService(typeof(Microsoft.Extensions.Configuration.IConfiguration))!;
        using var signed = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(otlpHttp), "/v1/logs")) { Content = new ByteArrayContent([]) };
        signed.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-protobuf");
        signed.Headers.Add("x-otlp-api-key", configuration["AppHost:OtlpApiKey"]);
        using var accepted = await http.SendAsync(signed);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
    }

    [SkippableFact]
    public async Task The_dashboard_shows_the_stack_a_sendmessage_trace_a_function_log_and_a_gateway_metric()
    {
        var stack = fixture.Require();
        Chromium.Require();
        await using (var client = await TestClient.ConnectAsync(stack.WebSocketUrl, StackFixture.Hello))
        {
            await client.SendAsync("""{"action":"sendmessage","message":"dashboard check"}""");
            Assert.Equal(StackFixture.Reply, await client.ReceiveAsync(TimeSpan.FromSeconds(30)));
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1600, Height = 1000 } });
        var origin = stack.Dashboard!.GetLeftPart(UriPartial.Authority);
        var shots = Path.Combine(AppContext.BaseDirectory, "TestResults", "dashboard");
        Directory.CreateDirectory(shots);

        // Aspire's login link, then the resources page with every part of the stack.
        await page.GotoAsync(stack.Dashboard.ToString());
        foreach (var name in new[] { AspireStack.ApiName, "SendMessageFunction", "AuthorizerFunction", AspireStack.StoreName })
        {
            await Expect(page, name);
        }
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "resources.png"), FullPage = true });

        // A sendmessage trace that spans the gateway and the function.
        await ReloadUntilAsync(page, $"{origin}/traces", "sendmessage");
        await Visible(page, "sendmessage").ClickAsync();
        await Expect(page, "SendMessageFunction");
        await Expect(page, AspireStack.ApiName);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "trace.png"), FullPage = true });

        // A structured log of SendMessageFunction.
        await ReloadUntilAsync(page, $"{origin}/structuredlogs/resource/SendMessageFunction", "Replied to connection");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "structuredlogs.png"), FullPage = true });

        // A structured log of the gateway with its values in the message (the connection above, from loopback).
        await ReloadUntilAsync(page, $"{origin}/structuredlogs/resource/{AspireStack.ApiName}", "connected (127.0.0.1)");

        // A gateway metric.
        await ReloadUntilAsync(page, $"{origin}/metrics/resource/{AspireStack.ApiName}", "apigw.websocket.messages");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(shots, "metrics.png"), FullPage = true });
    }

    private static Task Expect(IPage page, string text) =>
        Visible(page, text).WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

    /// <summary>The first visible element showing <paramref name="text"/> (the dashboard keeps hidden filter labels too).</summary>
    private static ILocator Visible(IPage page, string text) => page.Locator($"text={text} >> visible=true").First;

    /// <summary>Telemetry arrives in batches: reload the page until <paramref name="text"/> shows, within a minute.</summary>
    private static async Task ReloadUntilAsync(IPage page, string url, string text)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(1);
        await page.GotoAsync(url);
        while (true)
        {
            try
            {
                await Visible(page, text).WaitForAsync(new LocatorWaitForOptions { Timeout = 5_000 });
                return;
            }
            catch (TimeoutException) when (DateTime.UtcNow < deadline)
            {
                await page.ReloadAsync();
            }
        }
    }
}
