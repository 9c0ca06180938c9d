using WebSocketAspire.Functions.Runtime;

namespace WebSocketAspire.Tests.Functions.Fakes;

internal sealed class FakeEnvironmentVariables(params (string Name, string Value)[] values) : IEnvironmentVariables
{
    public Dictionary<string, string?> Values { get; } = values.ToDictionary(v => v.Name, v => (string?)v.Value);

    public string? Get(string name) => Values.TryGetValue(name, out var value) && !string.IsNullOrEmpty(value) ? value : null;

    public void Set(string name, string? value) => Values[name] = value;
}
