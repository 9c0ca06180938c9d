using System.Security.Cryptography;
using System.Text;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>Deterministic local stand-ins for ids AWS would generate, so a restart keeps the same URLs and ARNs.</summary>
internal static class LocalIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>A 10-character lowercase alphanumeric id, like an API Gateway api id.</summary>
    public static string ApiId(string stackName, string logicalId)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{stackName}/{logicalId}"));
        var id = new char[10];
        for (var i = 0; i < id.Length; i++)
        {
            id[i] = Alphabet[hash[i] % Alphabet.Length];
        }

        return new string(id);
    }

    public static string Uuid(string seed)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(seed));
        return new Guid(hash.AsSpan(0, 16)).ToString();
    }
}
