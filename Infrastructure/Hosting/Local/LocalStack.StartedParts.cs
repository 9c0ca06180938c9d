using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using WebSocketAspire.Infrastructure.Hosting.Processes;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

internal sealed partial class LocalStack
{
    /// <summary>What start-up has brought up so far; disposed as a unit if start-up fails before the stack owns it.</summary>
    private sealed class StartedParts : IAsyncDisposable
    {
        public EngineTelemetry Telemetry { get; set; } = null!;
        public ILoggerFactory Loggers { get; set; } = null!;
        public DynaliteResource? Dynamo { get; set; }
        /// <summary>dynalite while it starts, alongside the servers; disposed with the parts if start-up fails meanwhile.</summary>
        public Task<DynaliteResource>? DynamoStarting { get; set; }
        public Uri DynamoDbEndpoint { get; set; } = null!;
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
            if (Dynamo is null && DynamoStarting is not null)
            {
                await ((Task)DynamoStarting).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                Dynamo = DynamoStarting.IsCompletedSuccessfully ? DynamoStarting.Result : null;
            }
            if (Dynamo is not null)
            {
                await Dynamo.DisposeAsync();
            }
            Loggers?.Dispose();
            Telemetry?.Dispose();
        }
    }
}
