using System.Runtime.CompilerServices;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace WebSocketAspire.Tests.AppHost.Aspire;

internal static class ResourceLogs
{
    /// <summary>DCP's lines start with an ISO-8601 timestamp and a space; the line itself follows.</summary>
    private static string WithoutTimestamp(string content)
    {
        var space = content.IndexOf(' ', StringComparison.Ordinal);
        return space > 0 && DateTime.TryParse(content.AsSpan(0, space), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.RoundtripKind, out _)
            ? content[(space + 1)..]
            : content;
    }

    /// <summary>A resource's console lines as the dashboard receives them, batch by batch.</summary>
    public static async IAsyncEnumerable<IReadOnlyList<string>> GetResourceLogs(this IServiceProvider services, string resourceId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var logs = services.GetRequiredService<ResourceLoggerService>();
        await foreach (var batch in logs.WatchAsync(resourceId).WithCancellation(cancellationToken))
        {
            yield return [.. batch.Select(l => WithoutTimestamp(l.Content))];
        }
    }
}
