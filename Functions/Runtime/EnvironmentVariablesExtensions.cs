namespace WebSocketAspire.Functions.Runtime;

internal static class EnvironmentVariablesExtensions
{
    /// <summary>Returns the variable or fails with a message that names it, so bad wiring shows up at start-up.</summary>
    public static string GetRequired(this IEnvironmentVariables environment, string name, string purpose)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.Get(name)
            ?? throw new MissingEnvironmentVariableException(name, purpose);
    }

    /// <summary>The region from <c>AWS_REGION</c> (set by Lambda), falling back to <c>AWS_DEFAULT_REGION</c>.</summary>
    public static string GetRegion(this IEnvironmentVariables environment) =>
        environment.Get("AWS_REGION")
        ?? environment.GetRequired("AWS_DEFAULT_REGION", "(or AWS_REGION) to pick the AWS region");
}
