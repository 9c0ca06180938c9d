using WebSocketAspire.Functions.Runtime;
using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Functions.Connections;

/// <summary>The credentials Lambda puts in the environment of the function.</summary>
internal static class AwsCredentials
{
    // Read per call rather than cached: cheap, and always the sandbox's current values.
    public static SigV4SigningCredentials FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new SigV4SigningCredentials(
            environment.GetRequired("AWS_ACCESS_KEY_ID", "to sign @connections calls"),
            environment.GetRequired("AWS_SECRET_ACCESS_KEY", "to sign @connections calls"),
            environment.Get("AWS_SESSION_TOKEN"));
    }
}
