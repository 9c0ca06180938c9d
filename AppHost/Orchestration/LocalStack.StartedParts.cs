using WebSocketAspire.AppHost.Dashboard;
using WebSocketAspire.AppHost.Resources;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.ServiceDefaults;

namespace WebSocketAspire.AppHost.Orchestration;

internal sealed partial class LocalStack
{
    /// <summary>What start-up has brought up so far; disposed as a unit if start-up fails before the stack owns it.</summary>
    private sealed class StartedParts : IAsyncDisposable
    {
        public DashboardServer? Dashboard { get; set; }
        public ProcessTelemetry Telemetry { get; set; } = null!;
        public ILoggerFactory Loggers { get; set; } = null!;
        public DynaliteResource Dynamo { get; set; } = null!;
        public LocalCredentials Credentials { get; set; } = null!;
        public LambdaService Lambda { get; set; } = null!;
        public WebApplication LambdaServer { get; set; } = null!;
        public int LambdaPort { get; set; }
        public WebApplication GatewayServer { get; set; } = null!;
        /// <summary>Set once a <see cref="LocalStack"/> holds these parts and stops them itself.</summary>
        public bool Owned { get; set; }

        public async ValueTask DisposeAsync()
        {
            foreach (var server in new[] { GatewayServer, LambdaServer }.Where(s => s is not null))
            {
                await server.DisposeAsync();
            }
            if (Dynamo is not null)
            {
                await Dynamo.DisposeAsync();
            }
            Loggers?.Dispose();
            Telemetry?.Dispose();
            if (Dashboard is not null)
            {
                await Dashboard.DisposeAsync();
            }
        }
    }
}
