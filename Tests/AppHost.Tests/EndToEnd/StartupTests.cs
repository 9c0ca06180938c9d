using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using WebSocketAspire.Infrastructure.Hosting.Local;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Tests.AppHost.Support;

namespace WebSocketAspire.Tests.AppHost.EndToEnd;

/// <summary>
/// Start-up runs its slow parts side by side (the function processes start while the tables are
/// made), yet no client reaches a function before its table exists, and a start that fails part-way
/// leaves no process behind.
/// </summary>
public sealed class StartupTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "wsa-startup-" + Guid.NewGuid().ToString("N"));

    [SkippableFact]
    public async Task The_functions_start_while_the_tables_are_made_and_the_gateway_answers_503_until_they_exist()
    {
        RequiredTool.Require("dotnet", "to run the sample's functions");
        await using var dynamo = await HeldDynamoDb.StartAsync();
        var gatewayPort = FreePort();
        var log = new StringWriter();
        var starting = LocalStack.StartAsync(new LocalStackOptions
        {
            TemplatePath = RepositoryLayout.Template,
            DataDirectory = _data,
            DynamoDbEndpoint = dynamo.Endpoint,
            GatewayPort = gatewayPort,
            LambdaPort = 0,
            TestClientPort = 0,
            WatchTemplate = false,
            StartTimeout = TimeSpan.FromMinutes(3),
        }, ResourceConsole.To(TextWriter.Synchronized(log)), CancellationToken.None);
        try
        {
            await dynamo.FirstRequest.WaitAsync(Eventually.DefaultDeadline);

            // The table is not there yet, and the functions are already up.
            await Eventually.TrueAsync(() => Task.FromResult(log.ToString().Contains("Runtime started with handler authorizer", StringComparison.Ordinal)),
                "the authorizer started while its stack's table was still being made", TimeSpan.FromMinutes(1));
            using var http = new HttpClient();
            using (var early = await http.GetAsync(new Uri($"http://127.0.0.1:{gatewayPort}/stage")))
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, early.StatusCode);
            }
            Assert.False(starting.IsCompleted);

            dynamo.Release();
            var stack = await starting.WaitAsync(Eventually.DefaultDeadline);
            using var ready = await http.GetAsync(stack.WebSocketUrl.ToString().Replace("ws://", "http://", StringComparison.Ordinal));
            Assert.NotEqual(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        }
        finally
        {
            // Whatever failed above, the stack (once started) is stopped with its processes.
            dynamo.Release();
            await ((Task)starting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            if (starting.IsCompletedSuccessfully)
            {
                await starting.Result.DisposeAsync();
            }
        }
    }

    [SkippableFact]
    public async Task A_start_that_fails_while_dynalite_starts_stops_dynalite()
    {
        RequiredTool.Require("node", "to run dynalite, the local DynamoDB");
        RequiredTool.Require("npm", "to install dynalite on first run");
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var options = new LocalStackOptions
        {
            TemplatePath = RepositoryLayout.Template,
            DataDirectory = _data,
            GatewayPort = ((IPEndPoint)taken.LocalEndpoint).Port,
            LambdaPort = 0,
            DynamoDbPort = 0,
            TestClientPort = 0,
            WatchTemplate = false,
            StartTimeout = TimeSpan.FromMinutes(3),
        };

        var error = await Assert.ThrowsAnyAsync<IOException>(() => LocalStack.StartAsync(options, ResourceConsole.To(TextWriter.Null), CancellationToken.None));

        Assert.Contains("address already in use", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(ProcessesNaming(_data));
    }

    /// <summary>Processes whose command line names <paramref name="text"/> (dynalite's names its data folder).</summary>
    private static List<int> ProcessesNaming(string text)
    {
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), out var pid))
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(directory, "cmdline")).Contains(text, StringComparison.Ordinal))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // It exited meanwhile.
            }
        }
        return found;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    /// <summary>
    /// A DynamoDB endpoint that holds its first request until released, then has no table until one is
    /// created, which is at once ACTIVE: enough for start-up's table provisioning.
    /// </summary>
    private sealed class HeldDynamoDb : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _created;

        private HeldDynamoDb(WebApplication app) => _app = app;

        public Uri Endpoint => new(_app.Urls.First());

        public Task FirstRequest => _first.Task;

        public void Release() => _released.TrySetResult();

        public static async Task<HeldDynamoDb> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            var app = builder.Build();
            var fake = new HeldDynamoDb(app);
            app.MapPost("/", fake.AnswerAsync);
            await app.StartAsync();
            return fake;
        }

        private async Task AnswerAsync(HttpContext context)
        {
            _first.TrySetResult();
            await _released.Task;
            var operation = context.Request.Headers["X-Amz-Target"].ToString().Split('.')[^1];
            context.Response.ContentType = "application/x-amz-json-1.0";
            switch (operation)
            {
                case "CreateTable":
                    _created = true;
                    await context.Response.WriteAsync("""{"TableDescription":{"TableName":"connection_table","TableStatus":"ACTIVE"}}""");
                    break;
                case "DescribeTable" when _created:
                    await context.Response.WriteAsync("""{"Table":{"TableName":"connection_table","TableStatus":"ACTIVE"}}""");
                    break;
                default:
                    context.Response.StatusCode = StatusCodes.Status400BadRequest;
                    await context.Response.WriteAsync("""{"__type":"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException","message":"Requested resource not found"}""");
                    break;
            }
        }

        public async ValueTask DisposeAsync()
        {
            Release();
            await _app.DisposeAsync();
        }
    }
}
