using System.Net;

namespace WebSocketAspire.AppHost.Dashboard;

/// <summary>Where the dashboard and its OTLP receiver listen; a port of 0 picks a free one.</summary>
internal sealed record DashboardOptions
{
    /// <summary>The only address any of the three endpoints binds to.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The web UI and its JSON API (HTTP/1.1).</summary>
    public int DashboardPort { get; init; }

    /// <summary>OTLP over gRPC (HTTP/2 cleartext, prior knowledge).</summary>
    public int OtlpGrpcPort { get; init; }

    /// <summary>OTLP over HTTP with protobuf bodies (HTTP/1.1).</summary>
    public int OtlpHttpPort { get; init; }

    /// <summary>Receives Kestrel's and gRPC's own logs; null keeps them quiet.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    public void Validate()
    {
        if (Address is null)
        {
            throw new ArgumentException($"{nameof(DashboardOptions)}.{nameof(Address)} must be set.");
        }
        CheckPort(DashboardPort, nameof(DashboardPort));
        CheckPort(OtlpGrpcPort, nameof(OtlpGrpcPort));
        CheckPort(OtlpHttpPort, nameof(OtlpHttpPort));
        var fixedPorts = new[] { DashboardPort, OtlpGrpcPort, OtlpHttpPort }.Where(p => p != 0).ToArray();
        if (fixedPorts.Distinct().Count() != fixedPorts.Length)
        {
            throw new ArgumentException(
                $"{nameof(DashboardOptions)}: {nameof(DashboardPort)} ({DashboardPort}), {nameof(OtlpGrpcPort)} ({OtlpGrpcPort}) and {nameof(OtlpHttpPort)} ({OtlpHttpPort}) must differ.");
        }
    }

    private static void CheckPort(int port, string name)
    {
        if (port is < 0 or > IPEndPoint.MaxPort)
        {
            throw new ArgumentException($"{nameof(DashboardOptions)}.{name} must be between 0 and {IPEndPoint.MaxPort} (was {port}).");
        }
    }
}
