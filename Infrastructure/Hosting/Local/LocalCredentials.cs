using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using WebSocketAspire.Infrastructure.Auth;

namespace WebSocketAspire.Infrastructure.Hosting.Local;

/// <summary>
/// The stack's credentials: the gateway's SigV4 check of <c>@connections</c> accepts only these, so a
/// signature has to be real to pass. Made on first run and kept in the data folder, so the exports a
/// developer copied from the banner keep working across runs.
/// </summary>
internal sealed record LocalCredentials(string AccessKeyId, string SecretAccessKey)
{
    public const string FileName = "credentials.json";

    public static LocalCredentials Create()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var key = "AKIALOCAL" + RandomNumberGenerator.GetString(alphabet, 11);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        return new LocalCredentials(key, secret);
    }

    /// <summary>Reads the folder's credentials, or makes and saves new ones (readable by the owner only).</summary>
    public static LocalCredentials LoadOrCreate(string dataDirectory)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, FileName);
        if (File.Exists(path))
        {
            try
            {
                if (JsonSerializer.Deserialize(File.ReadAllText(path), LocalCredentialsJson.Default.LocalCredentials) is { AccessKeyId.Length: > 0, SecretAccessKey.Length: > 0 } saved)
                {
                    return saved;
                }
            }
            catch (JsonException)
            {
                // Unreadable: replace it below.
            }
        }
        var created = Create();
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var file = new FileStream(path, options))
        {
            JsonSerializer.Serialize(file, created, LocalCredentialsJson.Default.LocalCredentials);
        }
        return created;
    }

    public SigV4SigningCredentials ToSigning() => new(AccessKeyId, SecretAccessKey);
}

[JsonSerializable(typeof(LocalCredentials))]
internal sealed partial class LocalCredentialsJson : JsonSerializerContext;
