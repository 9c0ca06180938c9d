namespace WebSocketAspire.Functions.Runtime;

/// <summary>A variable Lambda sets is missing: the process was started outside Lambda (or the local stack).</summary>
internal sealed class MissingEnvironmentVariableException(string name, string purpose)
    : InvalidOperationException($"Environment variable {name} is not set; it is needed {purpose}.")
{
    public string Name { get; } = name;
}
