using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Dashboard.Telemetry;
using WebSocketAspire.Tests.AppHost.Dashboard.Support;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Web;

/// <summary>
/// The AppHost traces its own ASP.NET Core traffic and exports it to this dashboard; the
/// dashboard's servers must not produce such spans, or each export would cause another.
/// </summary>
[Collection(WebSocketAspire.Tests.AppHost.Support.IsolatedCollection.Name)]
public sealed class SelfTelemetryTests
{
    [Fact]
    public async Task Requests_to_the_dashboard_and_the_receiver_start_no_aspnetcore_activities()
    {
        // Hosting activities carry no path until instrumentation enriches them, so the control
        // app records its own activity ids and every other Microsoft.AspNetCore activity is a leak.
        var seen = new ConcurrentBag<string>();
        var control = new ConcurrentBag<string>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
            ActivityStarted = activity => seen.Add(activity.Id!),
        };
        ActivitySource.AddActivityListener(listener);

        // Control: an ordinary Kestrel app in this process is seen by the same listener.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0));
        builder.Services.AddRoutingCore();
        await using var controlApp = builder.Build();
        controlApp.MapGet("/control-probe", () =>
        {
            control.Add(Activity.Current?.Id ?? "none");
            return "ok";
        });
        await controlApp.StartAsync();
        var controlUrl = controlApp.Urls.Single();

        var repository = new TelemetryRepository(TimeProvider.System);
        await using var server = await DashboardHost.StartAsync(new DashboardOptions(), repository, new FakeResourceSource(), CancellationToken.None);
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };

        (await http.GetAsync(new Uri(server.DashboardUrl, "api/traces"))).Dispose();
        using var body = new ByteArrayContent([]);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        (await http.PostAsync(new Uri(server.OtlpHttpEndpoint, "v1/traces"), body)).Dispose();
        (await http.GetAsync(new Uri(new Uri(controlUrl), "control-probe"))).Dispose();

        var controlId = Assert.Single(control);
        Assert.Contains(controlId, seen);
        Assert.All(seen, id => Assert.True(control.Contains(id), $"unexpected ASP.NET Core activity {id}"));
    }
}
