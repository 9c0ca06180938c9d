namespace WebSocketAspire.AppHost.Dashboard;

/// <summary>What the AppHost tells the dashboard about its resources; asked on every Resources refresh.</summary>
internal interface IResourceSource
{
    IReadOnlyList<ResourceSnapshot> Snapshot();
}

/// <summary>One resource (dynalite, a function, the gateway…) as the Resources view shows it.</summary>
internal sealed record ResourceSnapshot(string Name, string Type, string State, int? ProcessId, int Restarts, IReadOnlyList<string> Endpoints);
