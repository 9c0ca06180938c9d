using WebSocketAspire.AppHost.Dashboard;

namespace WebSocketAspire.Tests.AppHost.Dashboard.Support;

internal sealed class FakeResourceSource : IResourceSource
{
    private volatile IReadOnlyList<ResourceSnapshot> _resources;

    public FakeResourceSource(params ResourceSnapshot[] resources) => _resources = resources;

    public void Set(params ResourceSnapshot[] resources) => _resources = resources;

    public IReadOnlyList<ResourceSnapshot> Snapshot() => _resources;
}
