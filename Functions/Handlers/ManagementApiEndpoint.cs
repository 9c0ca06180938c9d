using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Functions.Handlers;

/// <summary>Where the @connections API of the calling stage lives.</summary>
internal static class ManagementApiEndpoint
{
    /// <summary>The standard SDK variable for a service-specific endpoint; locally it points at the gateway, stage included.</summary>
    public const string EndpointVariable = "AWS_ENDPOINT_URL_APIGATEWAYMANAGEMENTAPI";

    public static Uri Resolve(IEnvironmentVariables environment, string? domainName, string? stage)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.Get(EndpointVariable) is { } configured)
        {
            return new Uri(configured);
        }
        if (string.IsNullOrEmpty(domainName) || string.IsNullOrEmpty(stage))
        {
            throw new InvalidDataException("The event has no requestContext.domainName/stage to address the @connections API.");
        }
        return new Uri($"https://{domainName}/{stage}");
    }
}
