namespace WebSocketAspire.Infrastructure.Http;

/// <summary>Reads a body (a request's, or an answer's) up to a limit, so an oversized (chunked, or lying about its length) body is never buffered.</summary>
internal static class BoundedBody
{
    /// <summary>The body, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = new byte[Math.Min(limit + 1, 16 * 1024)];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                if (total > limit)
                {
                    return null;
                }
                Array.Resize(ref buffer, Math.Min(buffer.Length * 2, limit + 1));
            }
            var read = await body.ReadAsync(buffer.AsMemory(total), cancellationToken);
            if (read == 0)
            {
                return buffer.AsMemory(0, total);
            }
            total += read;
        }
    }
}
