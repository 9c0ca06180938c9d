namespace WebSocketAspire.Functions.Runtime;

/// <summary>Reads and writes the real process environment.</summary>
internal sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public string? Get(string name)
    {
        var value = Environment.GetEnvironmentVariable(name);
        return string.IsNullOrEmpty(value) ? null : value;
    }

    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
