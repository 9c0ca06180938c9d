using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Functions.Connections;

/// <summary>The credentials Lambda puts in the environment of the function.</summary>
internal sealed record AwsCredentials(string AccessKeyId, string SecretAccessKey, string? SessionToken)
{
    // Read per call rather than cached: cheap, and always the sandbox's current values.
    public static AwsCredentials FromEnvironment(IEnvironmentVariables environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return new AwsCredentials(
            environment.GetRequired("AWS_ACCESS_KEY_ID", "to sign @connections calls"),
            environment.GetRequired("AWS_SECRET_ACCESS_KEY", "to sign @connections calls"),
            environment.Get("AWS_SESSION_TOKEN"));
    }
}
