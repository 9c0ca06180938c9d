using System.Net;

namespace WebSocketAspire.AppHost.Orchestration;

/// <summary>Everything <see cref="LocalStack"/> needs to start; tests build one with free ports and a temporary data folder.</summary>
internal sealed record LocalStackOptions
{
    public required string TemplatePath { get; init; }
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public IPAddress Host { get; init; } = IPAddress.Loopback;
    public int GatewayPort { get; init; }
    public int LambdaPort { get; init; }
    public int DynamoDbPort { get; init; }
    public required string DataDirectory { get; init; }
    public string Region { get; init; } = "us-east-1";
    public string NodeToolsDirectory { get; init; } = RepositoryLayout.NodeTools;
    public string FunctionConfiguration { get; init; } = RepositoryLayout.Configuration;
    public string FunctionTargetFramework { get; init; } = RepositoryLayout.TargetFramework;
    /// <summary>Run the dashboard and its OTLP receiver; everything exports telemetry to it.</summary>
    public bool Dashboard { get; init; } = true;
    public int DashboardPort { get; init; }
    public int OtlpGrpcPort { get; init; }
    public int OtlpHttpPort { get; init; }
    /// <summary>Without the dashboard: an OTLP collector (gRPC) everything exports to instead, if any.</summary>
    public string? OtlpEndpoint { get; init; }
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>Apply edits of the template to the running stack.</summary>
    public bool WatchTemplate { get; init; } = true;
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
