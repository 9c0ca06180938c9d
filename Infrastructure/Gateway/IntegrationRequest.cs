using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>One request to an integration: its context, body and (on $connect) the upgrade request.</summary>
internal sealed class IntegrationRequest
{
    private readonly Func<byte[]> _proxyEvent;
    private readonly IReadOnlyDictionary<string, string> _stageVariables;
    private Dictionary<string, object?>? _templateContext;

    public IntegrationRequest(RequestContextValues context, string? body, UpgradeRequest? upgrade, IReadOnlyDictionary<string, string> stageVariables, Func<byte[]> proxyEvent)
    {
        Context = context;
        Body = body;
        Upgrade = upgrade;
        _stageVariables = stageVariables;
        _proxyEvent = proxyEvent;
    }

    public RequestContextValues Context { get; }
    public string? Body { get; }
    public UpgradeRequest? Upgrade { get; }

    /// <summary>The AWS_PROXY event, built only when a proxy integration asks for it.</summary>
    public byte[] ProxyEvent() => _proxyEvent();

    public MappingInput MappingInput(string body) => new()
    {
        Body = body,
        Context = _templateContext ??= Context.ToTemplateContext(),
        StageVariables = _stageVariables,
        // Headers and query strings exist only on $connect.
        Headers = Upgrade is null ? Empty : Flatten(Upgrade.Headers),
        QueryString = Upgrade is null ? Empty : Flatten(Upgrade.Query),
    };

    private static readonly Dictionary<string, string> Empty = [];

    private static Dictionary<string, string> Flatten(IReadOnlyList<KeyValuePair<string, string[]>> values)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values)
        {
            result[key] = value.Length > 0 ? value[^1] : "";
        }
        return result;
    }
}
