using System.Security.Cryptography;
using Amazon.Runtime;

namespace WebSocketAspire.AppHost.Orchestration;

/// <summary>
/// Credentials made fresh for each run and handed to the functions; the gateway's SigV4 check of
/// <c>@connections</c> calls accepts only these, so a signature has to be real to pass.
/// </summary>
internal sealed record LocalCredentials(string AccessKeyId, string SecretAccessKey)
{
    public static LocalCredentials Create()
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var key = "ASIALOCAL" + RandomNumberGenerator.GetString(alphabet, 11);
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        return new LocalCredentials(key, secret);
    }

    public AWSCredentials ToAws() => new BasicAWSCredentials(AccessKeyId, SecretAccessKey);
}
