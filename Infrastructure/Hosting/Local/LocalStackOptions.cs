using System.Net;
using System.Reflection;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Infrastructure.Hosting.Processes;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>Everything <see cref="LocalStack"/> needs to start; tests build one with free ports and a temporary data folder.</summary>
internal sealed record LocalStackOptions
{
    public required string TemplatePath { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IPAddress Host { get; init; } = IPAddress.Loopback;
    public int GatewayPort { get; init; }
    public int LambdaPort { get; init; }
    public int DynamoDbPort { get; init; }
    public int TestClientPort { get; init; }
    /// <summary>The stack's own folder: dynalite's tables under <c>dynalite/</c>, the local credentials beside them.</summary>
    public required string DataDirectory { get; init; }
    /// <summary>A DynamoDB endpoint to use instead of starting dynalite (DynamoDB Local, another dynalite).</summary>
    public Uri? DynamoDbEndpoint { get; init; }
    public string Region { get; init; } = "us-east-1";
    public string NodeToolsDirectory { get; init; } = NodeTools.DefaultDirectory;
    public string FunctionConfiguration { get; init; } = BuildConfiguration;
    public string FunctionTargetFramework { get; init; } = "net" + Environment.Version.ToString(2);
    /// <summary>Where every part exports telemetry (OTLP/gRPC), and the headers that authenticate it; nothing is exported without one.</summary>
    public Uri? OtlpEndpoint { get; init; }
    public string? OtlpHeaders { get; init; }
    /// <summary>The service name the gateway's and Lambda service's own telemetry carries.</summary>
    public string TelemetryServiceName { get; init; } = "gateway";
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Run <c>provided.*</c> functions built from .NET projects as their Native AOT publish, as Lambda runs them.</summary>
    public bool NativeAot { get; init; }
    /// <summary>Apply edits of the template to the running stack.</summary>
    public bool WatchTemplate { get; init; } = true;
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The configuration the program was built in (Debug, Release); .NET function projects are expected built the same way.</summary>
    private static string BuildConfiguration =>
        Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
}
