using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using System.Net;
using WebSocketAspire.Infrastructure.Auth;
using WebSocketAspire.Infrastructure.Gateway;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>Builds the two web servers of the local stack: the Lambda service and the API Gateway endpoint.</summary>
internal static class Servers
{
    /// <summary>The Lambda service: the Runtime API for the function processes and the Lambda API (SigV4) for everyone else.</summary>
    public static WebApplication Lambda(IPAddress host, int port, LambdaService lambda, InvocationLogTail logs, SigV4Verifier verifier, Action<ILoggingBuilder>? logging)
    {
        var builder = CreateBuilder(host, port, logging);
        builder.Services.AddSingleton(lambda);
        builder.Services.AddSingleton(logs);
        builder.Services.AddSingleton(verifier);
        var app = builder.Build();
        app.MapLambdaRuntimeApi();
        app.MapLambdaApi();
        return app;
    }

    // gateway: the gateway once the stack exists; the server binds before that.
    public static WebApplication Gateway(IPAddress host, int port, Func<WebSocketGateway?> gateway, SigV4Verifier verifier, Action<ILoggingBuilder>? logging)
    {
        var builder = CreateBuilder(host, port, logging);
        var app = builder.Build();
        // API Gateway does not ping clients; idle detection is its own 10-minute timer.
        app.Use(SniffingUpgradeFeature.Install);
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.Zero });
        app.MapWebSocketGateway(gateway, verifier);
        return app;
    }

    /// <summary>The port a started server actually listens on (the one the OS chose for port 0).</summary>
    public static int BoundPort(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new Uri(app.Urls.First()).Port;
    }

    /// <summary>A slim web server on <paramref name="host"/>:<paramref name="port"/> with no Server header and only the stack's logging.</summary>
    internal static WebApplicationBuilder CreateBuilder(IPAddress host, int port, Action<ILoggingBuilder>? logging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(host, port);
            kestrel.AddServerHeader = false;
        });
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        // Tracing is the stack's one ProcessTelemetry, not a provider per server: two providers
        // listening to the same sources would export every span twice.
        return builder;
    }
}
