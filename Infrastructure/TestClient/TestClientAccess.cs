using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace WebSocketAspire.Infrastructure.TestClient;

/// <summary>
/// Who may use the test client: it lists every client's connections and can post to and close them,
/// so, like the Aspire dashboard, it wants a token. The banner's link (and the API resource's URL in
/// the dashboard) carries it as <c>?t=</c>; the first visit trades it for an HttpOnly, SameSite=Strict
/// cookie. The token is derived from the stack's secret key, so it stays the same across runs of
/// one data folder, and requests from other origins are refused.
/// </summary>
internal sealed class TestClientAccess(string token)
{
    public const string CookieName = "wsa-test-client";
    public const string QueryName = "t";

    public string Token { get; } = token;

    /// <summary>The token for a stack whose secret access key is <paramref name="secretAccessKey"/>.</summary>
    public static TestClientAccess FromSecret(string secretAccessKey)
    {
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretAccessKey), "websocketaspire-test-client"u8);
        return new TestClientAccess(Convert.ToHexStringLower(mac)[..32]);
    }

    /// <summary>True for a request that carries the cookie and comes from the test client's own origin (or names none).</summary>
    public bool Allows(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Matches(request.Cookies[CookieName]) && SameOrigin(request);
    }

    public bool Matches(string? candidate) =>
        candidate is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(candidate), Encoding.UTF8.GetBytes(Token));

    public void SetCookie(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Append(CookieName, Token, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/", IsEssential = true });
    }

    private static bool SameOrigin(HttpRequest request)
    {
        var origin = request.Headers.Origin.ToString();
        return origin.Length == 0 || string.Equals(origin, $"{request.Scheme}://{request.Host}", StringComparison.OrdinalIgnoreCase);
    }
}
