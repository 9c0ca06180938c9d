using WebSocketAspire.AppHost.Dashboard;

namespace WebSocketAspire.AppHost.Orchestration;

/// <summary>
/// The dashboard starts before the stack it shows (so the stack can export to it from the start);
/// until the stack exists, it has no resources.
/// </summary>
internal sealed class DeferredResourceSource : IResourceSource
{
    private volatile IResourceSource? _source;

    public IResourceSource? Source
    {
        get => _source;
        set => _source = value;
    }

    public IReadOnlyList<ResourceSnapshot> Snapshot() => _source?.Snapshot() ?? [];
}
