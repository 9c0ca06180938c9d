using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2.Model;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.Aspire;

/// <summary>
/// The real AppHost (its Program, its app model) started through Aspire.Hosting.Testing on free
/// ports with a temporary data folder; optionally with the Aspire dashboard.
/// </summary>
internal sealed class AspireStack : IAsyncDisposable
{
    public const string ApiName = "WebSocketApi";
    public const string StoreName = "stack-dynamodb";

    private readonly bool _ownsData;

    private AspireStack(DistributedApplication app, string dataDirectory, bool ownsData, Uri? dashboard)
    {
        App = app;
        DataDirectory = dataDirectory;
        _ownsData = ownsData;
        Dashboard = dashboard;
    }

    public DistributedApplication App { get; }
    public string DataDirectory { get; }
    /// <summary>The dashboard's login link, when it runs.</summary>
    public Uri? Dashboard { get; private set; }
    public Uri WebSocketUrl { get; private set; } = null!;
    public Uri DynamoDbEndpoint { get; private set; } = null!;
    public string AccessKeyId { get; private set; } = "";
    public string SecretAccessKey { get; private set; } = "";

    public ResourceNotificationService Notifications => App.ResourceNotifications;

    /// <summary>Starts the AppHost with <paramref name="extraArgs"/>; waits for the API to run unless <paramref name="waitForApi"/> is false.</summary>
    public static async Task<AspireStack> StartAsync(bool dashboard = false, string? dataDirectory = null, bool waitForApi = true, params string[] extraArgs)
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        RequiredTool.Require("npm", "to install dynalite on first run");
        var ownsData = dataDirectory is null;
        var data = dataDirectory ?? Path.Combine(Path.GetTempPath(), "wsa-aspire-" + Guid.NewGuid().ToString("N"));
        List<string> args = ["--gateway-port", "0", "--lambda-port", "0", "--dynamodb-port", "0", "--test-client-port", "0", "--data-dir", data, .. extraArgs];
        if (dashboard)
        {
            args.AddRange(["--dashboard-port", FreePort(), "--otlp-grpc-port", FreePort(), "--otlp-http-port", FreePort()]);
        }
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>([.. args], (options, settings) =>
        {
            options.DisableDashboard = !dashboard;
            options.AllowUnsecuredTransport = true;
            // The launch profile's fixed resource-service port would collide with a running AppHost.
            settings.Args = [.. settings.Args ?? [], "--DOTNET_RESOURCE_SERVICE_ENDPOINT_URL=http://127.0.0.1:" + FreePort()];
        });
        var app = await builder.BuildAsync();
        using var startTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await app.StartAsync(startTimeout.Token);
        var stack = new AspireStack(app, data, ownsData, null);
        if (dashboard)
        {
            // The testing builder lets DCP pick the dashboard's port: read it from the dashboard resource.
            var dashboardEvent = await stack.Notifications.WaitForResourceAsync("aspire-dashboard",
                e => e.Snapshot.State?.Text == KnownResourceStates.Running && e.Snapshot.Urls.Any(u => u.Url.Contains("/login?t=", StringComparison.Ordinal)),
                startTimeout.Token);
            stack.Dashboard = new Uri(dashboardEvent.Snapshot.Urls.First(u => u.Url.Contains("/login?t=", StringComparison.Ordinal)).Url);
        }
        if (waitForApi)
        {
            await stack.WaitForApiAsync(startTimeout.Token);
        }
        return stack;
    }

    /// <summary>Waits until the API and the store run, and reads their URLs and the credentials.</summary>
    public async Task WaitForApiAsync(CancellationToken cancellationToken)
    {
        var api = await Notifications.WaitForResourceAsync(ApiName, e => e.ResourceId == ApiName && e.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken);
        WebSocketUrl = new Uri(api.Snapshot.Urls.Single(u => u.Name == "websocket").Url);
        AccessKeyId = (string)api.Snapshot.Properties.Single(p => p.Name == "aws.access_key_id").Value!;
        SecretAccessKey = (string)api.Snapshot.Properties.Single(p => p.Name == "aws.secret_access_key").Value!;
        var store = await Notifications.WaitForResourceAsync(StoreName, e => e.ResourceId == StoreName && e.Snapshot.State?.Text == KnownResourceStates.Running, cancellationToken);
        DynamoDbEndpoint = new Uri(store.Snapshot.Urls.Single(u => u.Name == "dynamodb").Url);
    }

    public async Task<bool> HasConnectionRowAsync(string connectionId)
    {
        using var client = DynamoDbClients.Create(DynamoDbEndpoint, "us-east-1", AccessKeyId, SecretAccessKey);
        var item = await client.GetItemAsync(new GetItemRequest
        {
            TableName = "connection_table",
            Key = new Dictionary<string, AttributeValue> { ["connectionId"] = new() { S = connectionId } },
            ConsistentRead = true,
        });
        return item.Item is { Count: > 0 };
    }

    public async ValueTask DisposeAsync()
    {
        using (var stopTimeout = new CancellationTokenSource(TimeSpan.FromMinutes(1)))
        {
            await App.StopAsync(stopTimeout.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
        await App.DisposeAsync();
        if (_ownsData && Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
    }

    private static string FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
