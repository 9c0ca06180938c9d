using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using WebSocketAspire.Functions.Connections;
using WebSocketAspire.Functions.Handlers;
using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.Functions.Storage;

namespace WebSocketAspire.Functions;

internal static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the runtime, the handlers and their AWS clients. Everything is lazy, so a process only
    /// builds (and validates the settings of) what its own handler needs.
    /// </summary>
    public static IServiceCollection AddFunctions(this IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IEnvironmentVariables, ProcessEnvironmentVariables>();
        services.AddSingleton<ITelemetryFlusher, ServiceDefaultsTelemetryFlusher>();

        services.AddSingleton<IRuntimeApiClient>(sp => new RuntimeApiClient(
            // next long-polls for as long as no event arrives, so no client timeout.
            new HttpClient { Timeout = Timeout.InfiniteTimeSpan },
            sp.GetRequiredService<IEnvironmentVariables>().GetRequired("AWS_LAMBDA_RUNTIME_API", "to reach the Lambda Runtime API")));
        services.AddSingleton<RuntimeLoop>();
        services.AddSingleton<LambdaBootstrap>();

        services.AddSingleton<IAmazonDynamoDB>(sp => new AmazonDynamoDBClient(
            DynamoDbClientFactory.CreateConfig(sp.GetRequiredService<IEnvironmentVariables>())));
        services.AddSingleton<IConnectionStore>(sp => DynamoDbClientFactory.CreateStore(
            sp.GetRequiredService<IAmazonDynamoDB>(), sp.GetRequiredService<IEnvironmentVariables>()));
        services.AddSingleton<IConnectionsApi>(sp => new ConnectionsApiClient(
            new HttpClient(),
            sp.GetRequiredService<IEnvironmentVariables>(),
            sp.GetRequiredService<TimeProvider>()));

        services.AddSingleton<AuthorizerHandler>();
        services.AddSingleton<ConnectHandler>();
        services.AddSingleton<DisconnectHandler>();
        services.AddSingleton<SendMessageHandler>();
        return services;
    }
}
