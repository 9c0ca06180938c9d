namespace WebSocketAspire.AppHost.Dashboard;

/// <summary>The running dashboard: its bound URLs, and the handle that stops it.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _ui;
    private readonly WebApplication _otlp;
    private int _disposed;

    internal DashboardServer(WebApplication ui, WebApplication otlp, Uri dashboardUrl, Uri otlpGrpcEndpoint, Uri otlpHttpEndpoint)
    {
        _ui = ui;
        _otlp = otlp;
        DashboardUrl = dashboardUrl;
        OtlpGrpcEndpoint = otlpGrpcEndpoint;
        OtlpHttpEndpoint = otlpHttpEndpoint;
    }

    /// <summary>The page, e.g. http://127.0.0.1:18888/.</summary>
    public Uri DashboardUrl { get; }

    /// <summary>Value for OTEL_EXPORTER_OTLP_ENDPOINT with protocol grpc.</summary>
    public Uri OtlpGrpcEndpoint { get; }

    /// <summary>Value for OTEL_EXPORTER_OTLP_ENDPOINT with protocol http/protobuf (the SDK appends /v1/traces etc.).</summary>
    public Uri OtlpHttpEndpoint { get; }

    public async Task StopAsync(CancellationToken ct = default)
    {
        // Receiver first, so nothing arrives for a UI that is going away.
        await _otlp.StopAsync(ct);
        await _ui.StopAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Shutdown took too long; disposing below closes the sockets anyway.
        }
        finally
        {
            await _otlp.DisposeAsync();
            await _ui.DisposeAsync();
        }
    }
}
