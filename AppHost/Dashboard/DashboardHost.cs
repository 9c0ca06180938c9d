using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WebSocketAspire.AppHost.Dashboard.Otlp;
using WebSocketAspire.AppHost.Dashboard.Telemetry;
using WebSocketAspire.AppHost.Dashboard.Web;

namespace WebSocketAspire.AppHost.Dashboard;

/// <summary>Starts the dashboard UI and the OTLP receiver as two small Kestrel servers on one address.</summary>
internal static class DashboardHost
{
    /// <summary>OTLP batches can be large; 4 MB (gRPC's default) is too tight for a burst of spans.</summary>
    private const int MaxOtlpMessageBytes = 32 * 1024 * 1024;

    /// <summary>Nothing listens to this name, so the dashboard's own HTTP traffic is not traced.</summary>
    internal const string HostingTelemetryName = "WebSocketAspire.Dashboard.Hosting.Untraced";

    public static async Task<DashboardServer> StartAsync(DashboardOptions options, TelemetryRepository repository, IResourceSource resources, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(resources);
        options.Validate();

        ListenOptions? uiListener = null;
        var ui = CreateBuilder(options);
        ui.WebHost.ConfigureKestrel(k => k.Listen(options.Address, options.DashboardPort, l =>
        {
            l.Protocols = HttpProtocols.Http1;
            uiListener = l;
        }));
        var uiApp = ui.Build();
        uiApp.MapDashboardAssets();
        uiApp.MapDashboardApi(repository, resources);

        ListenOptions? grpcListener = null;
        ListenOptions? httpListener = null;
        var otlp = CreateBuilder(options);
        otlp.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxOtlpMessageBytes;
            // gRPC exporters speak HTTP/2 without TLS (prior knowledge), so this port is HTTP/2 only.
            k.Listen(options.Address, options.OtlpGrpcPort, l =>
            {
                l.Protocols = HttpProtocols.Http2;
                grpcListener = l;
            });
            k.Listen(options.Address, options.OtlpHttpPort, l =>
            {
                l.Protocols = HttpProtocols.Http1;
                httpListener = l;
            });
        });
        otlp.Services.AddSingleton(repository);
        otlp.Services.AddSingleton(repository.Time);
        otlp.Services.AddSingleton<OtlpIngest>();
        otlp.Services.AddGrpc(g =>
        {
            g.MaxReceiveMessageSize = MaxOtlpMessageBytes;
            g.EnableDetailedErrors = false;
        });
        var otlpApp = otlp.Build();
        otlpApp.MapGrpcService<OtlpGrpcTraceService>();
        otlpApp.MapGrpcService<OtlpGrpcLogsService>();
        otlpApp.MapGrpcService<OtlpGrpcMetricsService>();
        otlpApp.MapOtlpHttp();

        try
        {
            await uiApp.StartAsync(ct);
            await otlpApp.StartAsync(ct);
        }
        catch (Exception ex)
        {
            await otlpApp.DisposeAsync();
            await uiApp.DisposeAsync();
            if (ex is IOException)
            {
                // Typically a fixed port already in use; say which settings were asked for.
                throw new InvalidOperationException(
                    $"The dashboard could not listen on {options.Address} ({nameof(DashboardOptions.DashboardPort)}={options.DashboardPort}, " +
                    $"{nameof(DashboardOptions.OtlpGrpcPort)}={options.OtlpGrpcPort}, {nameof(DashboardOptions.OtlpHttpPort)}={options.OtlpHttpPort}; 0 = any free port): {ex.Message}",
                    ex);
            }
            throw;
        }

        return new DashboardServer(
            uiApp,
            otlpApp,
            Url(BoundEndpoint(uiListener, nameof(DashboardOptions.DashboardPort))),
            Url(BoundEndpoint(grpcListener, nameof(DashboardOptions.OtlpGrpcPort))),
            Url(BoundEndpoint(httpListener, nameof(DashboardOptions.OtlpHttpPort))));
    }

    private static WebApplicationBuilder CreateBuilder(DashboardOptions options)
    {
        // The empty builder reads no appsettings or ASPNETCORE_* variables: the AppHost's own
        // environment must not move or reconfigure the dashboard.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DashboardHost).Assembly.GetName().Name,
        });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddRoutingCore();
        // ASP.NET Core reports requests through a DiagnosticListener and an ActivitySource named
        // "Microsoft.AspNetCore", which the AppHost's own OpenTelemetry instrumentation listens to.
        // Renaming them for these two servers keeps every OTLP export (and every UI poll) from
        // creating a span that would be exported back here, in an endless loop.
        builder.Services.AddSingleton(_ => new DiagnosticListener(HostingTelemetryName));
        builder.Services.AddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        builder.Services.AddSingleton(_ => new ActivitySource(HostingTelemetryName));
        if (options.LoggerFactory is { } loggerFactory)
        {
            builder.Services.AddSingleton(loggerFactory);
        }
        return builder;
    }

    /// <summary>Kestrel writes the actually bound endpoint back into the listen options, which is how port 0 is resolved.</summary>
    private static IPEndPoint BoundEndpoint(ListenOptions? listener, string setting)
        => listener?.IPEndPoint is { Port: > 0 } endpoint
            ? endpoint
            : throw new InvalidOperationException($"The dashboard endpoint for {nameof(DashboardOptions)}.{setting} did not report a bound port.");

    private static Uri Url(IPEndPoint endpoint) => new($"http://{endpoint}/");
}
