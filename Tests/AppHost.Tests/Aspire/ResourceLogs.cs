using System.Runtime.CompilerServices;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace WebSocketAspire.Tests.AppHost.Aspire;

internal static class ResourceLogs
{
    /// <summary>A resource's console lines as the dashboard receives them, batch by batch.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<string>> GetResourceLogs(this IServiceProvider services, string resourceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var logs = services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken))
        {
            yield return [.. batch.Select(l => l.Content)];
        }
    }
}
