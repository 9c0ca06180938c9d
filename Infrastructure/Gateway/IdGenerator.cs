using System.Security.Cryptography;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>Makes the ids API Gateway hands out: connection, request and message ids.</summary>
internal interface IIdGenerator
{
    /// <summary>A 16-character id in API Gateway's shape, e.g. <c>BFaT_fALIAMCKug=</c>.</summary>
    string NewId();
}

/// <summary>
/// Real ids look like URL-safe base64 of 11 bytes (16 characters ending in <c>=</c>); random bytes
/// keep them unguessable, which matters because a connection id is the key to <c>@connections</c>.
/// </summary>
internal sealed class RandomIdGenerator : IIdGenerator
{
    public string NewId()
    {
        Span<byte> bytes = stackalloc byte[11];
        RandomNumberGenerator.Fill(bytes);
        return string.Create(16, bytes.ToArray(), static (chars, raw) =>
        {
            Convert.TryToBase64Chars(raw, chars, out _);
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = chars[i] switch { '+' => '-', '/' => '_', var c => c };
            }
        });
    }
}
