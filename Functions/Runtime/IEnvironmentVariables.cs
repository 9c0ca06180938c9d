namespace WebSocketAspire.Functions.Runtime;

/// <summary>The process environment, behind a seam so handlers and the runtime loop are testable.</summary>
internal interface IEnvironmentVariables
{
    string? Get(string name);

    void Set(string name, string? value);
}
