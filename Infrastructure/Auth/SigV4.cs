using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace WebSocketAspire.Infrastructure.Auth;

// This file is compiled into two assemblies (Functions signs, Infrastructure verifies), so it must
// stay BCL-only and internal: one implementation of the canonical forms on both sides of the wire.

/// <summary>AWS Signature Version 4 primitives shared by the @connections client and the local gateway.</summary>
internal static class SigV4
{
    public const string Algorithm = "AWS4-HMAC-SHA256";
    public const string Terminator = "aws4_request";
    public const string AmzDateFormat = "yyyyMMdd'T'HHmmss'Z'";
    public const string DateFormat = "yyyyMMdd";

    /// <summary>hex(SHA-256("")), the payload hash of a request without a body.</summary>
    public const string EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    public static string FormatAmzDate(DateTimeOffset time) =>
        time.UtcDateTime.ToString(AmzDateFormat, CultureInfo.InvariantCulture);

    public static bool TryParseAmzDate(string? value, out DateTimeOffset time) =>
        DateTimeOffset.TryParseExact(
            value, AmzDateFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out time);

    /// <summary>
    /// The canonical URI of a non-S3 request: the already-encoded path is normalised and then encoded
    /// again, so <c>/prod/@connections/abc%3D</c> becomes <c>/prod/%40connections/abc%253D</c>.
    /// </summary>
    public static string CanonicalUri(string rawPath) => UriEncode(NormalizePath(rawPath), encodeSlash: false);

    /// <summary>Removes dot segments and empty segments; keeps a trailing slash; empty becomes <c>/</c>.</summary>
    public static string NormalizePath(string path)
    {
        if (string.IsNullOrEmpty(path) || path == "/")
        {
            return "/";
        }

        var segments = new List<string>();
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }
            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }
                continue;
            }
            segments.Add(segment);
        }

        var normalized = "/" + string.Join('/', segments);
        var trailingSlash = path.EndsWith('/') || path.EndsWith("/.", StringComparison.Ordinal) || path.EndsWith("/..", StringComparison.Ordinal);
        return trailingSlash && normalized.Length > 1 ? normalized + "/" : normalized;
    }

    /// <summary>RFC 3986 encoding as SigV4 defines it: unreserved characters stay, everything else is %XX (upper-case hex) of its UTF-8 bytes.</summary>
    public static string UriEncode(string value, bool encodeSlash)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (IsUnreserved(c) || (c == '/' && !encodeSlash))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }
        return builder.ToString();
    }

    /// <summary>
    /// The canonical query string from the raw query as sent (without <c>?</c>): each name and value is
    /// percent-decoded, encoded once, and the pairs are sorted by name then value.
    /// </summary>
    public static string CanonicalQueryString(string? rawQuery)
    {
        if (string.IsNullOrEmpty(rawQuery))
        {
            return string.Empty;
        }

        var pairs = new List<(string Name, string Value)>();
        foreach (var parameter in rawQuery.TrimStart('?').Split('&'))
        {
            if (parameter.Length == 0)
            {
                continue;
            }
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? parameter : parameter[..equals];
            var value = equals < 0 ? string.Empty : parameter[(equals + 1)..];
            // '+' is kept literally (encoded as %2B): SigV4 clients encode spaces as %20.
            pairs.Add((UriEncode(Uri.UnescapeDataString(name), encodeSlash: true), UriEncode(Uri.UnescapeDataString(value), encodeSlash: true)));
        }

        pairs.Sort(static (a, b) =>
        {
            var byName = string.CompareOrdinal(a.Name, b.Name);
            return byName != 0 ? byName : string.CompareOrdinal(a.Value, b.Value);
        });
        return string.Join('&', pairs.Select(static p => p.Name + "=" + p.Value));
    }

    /// <summary>Groups headers by lower-case name, trims values, collapses inner runs of spaces and joins repeated headers with commas.</summary>
    public static SortedDictionary<string, string> NormalizeHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var grouped = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (name, values) in headers)
        {
            var key = name.Trim().ToLowerInvariant();
            if (!grouped.TryGetValue(key, out var list))
            {
                list = [];
                grouped[key] = list;
            }
            list.AddRange(values.Select(CollapseSpaces));
        }

        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in grouped)
        {
            result[name] = string.Join(',', values);
        }
        return result;
    }

    /// <summary>The canonical header block (each line <c>name:value\n</c>) for the given signed header names.</summary>
    public static string CanonicalHeaders(IReadOnlyDictionary<string, string> normalizedHeaders, IEnumerable<string> signedHeaders)
    {
        ArgumentNullException.ThrowIfNull(normalizedHeaders);
        var builder = new StringBuilder();
        foreach (var name in SortedLowerNames(signedHeaders))
        {
            normalizedHeaders.TryGetValue(name, out var value);
            builder.Append(name).Append(':').Append(value).Append('\n');
        }
        return builder.ToString();
    }

    public static string SignedHeaders(IEnumerable<string> names) => string.Join(';', SortedLowerNames(names));

    public static string CanonicalRequest(string method, string canonicalUri, string canonicalQuery, string canonicalHeaders, string signedHeaders, string payloadHash) =>
        string.Join('\n', method.ToUpperInvariant(), canonicalUri, canonicalQuery, canonicalHeaders, signedHeaders, payloadHash);

    public static string StringToSign(string amzDate, SigV4Scope scope, string canonicalRequest)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return string.Join('\n', Algorithm, amzDate, scope.ToString(), HexSha256(canonicalRequest));
    }

    public static byte[] SigningKey(string secretAccessKey, SigV4Scope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var key = Hmac(Encoding.UTF8.GetBytes("AWS4" + secretAccessKey), scope.Date);
        key = Hmac(key, scope.Region);
        key = Hmac(key, scope.Service);
        return Hmac(key, Terminator);
    }

    public static string Signature(byte[] signingKey, string stringToSign) =>
        Convert.ToHexStringLower(Hmac(signingKey, stringToSign));

    /// <summary>Signature over an already-built canonical request: string to sign, signing key, HMAC.</summary>
    public static string ComputeSignature(string secretAccessKey, string amzDate, SigV4Scope scope, string canonicalRequest) =>
        Signature(SigningKey(secretAccessKey, scope), StringToSign(amzDate, scope, canonicalRequest));

    /// <summary>
    /// Signs every header in <paramref name="headers"/> (which must include <c>host</c> and <c>x-amz-date</c>)
    /// and returns the resulting <c>Authorization</c> header value.
    /// </summary>
    public static SigV4Authorization Authorize(
        string method,
        string rawPath,
        string? rawQuery,
        IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers,
        string payloadHash,
        string accessKeyId,
        string secretAccessKey,
        SigV4Scope scope,
        string amzDate)
    {
        var normalized = NormalizeHeaders(headers);
        var signedHeaders = normalized.Keys.ToArray();
        var canonicalRequest = CanonicalRequest(
            method,
            CanonicalUri(rawPath),
            CanonicalQueryString(rawQuery),
            CanonicalHeaders(normalized, signedHeaders),
            SignedHeaders(signedHeaders),
            payloadHash);
        return new SigV4Authorization(accessKeyId, scope, signedHeaders, ComputeSignature(secretAccessKey, amzDate, scope, canonicalRequest));
    }

    public static string HexSha256(string value) => HexSha256(Encoding.UTF8.GetBytes(value));

    public static string HexSha256(ReadOnlySpan<byte> value) => Convert.ToHexStringLower(SHA256.HashData(value));

    /// <summary>Compares two signatures in constant time.</summary>
    public static bool SignaturesEqual(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(actual));

    private static byte[] Hmac(byte[] key, string data) => HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(data));

    private static IEnumerable<string> SortedLowerNames(IEnumerable<string> names) =>
        names.Select(static n => n.Trim().ToLowerInvariant()).Distinct().Order(StringComparer.Ordinal);

    private static bool IsUnreserved(char c) =>
        c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.' or '~';

    private static string CollapseSpaces(string value)
    {
        var builder = new StringBuilder(value.Length);
        var previousWasSpace = false;
        foreach (var c in value.Trim())
        {
            var isSpace = c == ' ';
            if (!(isSpace && previousWasSpace))
            {
                builder.Append(c);
            }
            previousWasSpace = isSpace;
        }
        return builder.ToString();
    }
}

/// <summary>The credential scope <c>{date}/{region}/{service}/aws4_request</c>.</summary>
internal sealed record SigV4Scope(string Date, string Region, string Service)
{
    public static SigV4Scope For(DateTimeOffset time, string region, string service) =>
        new(time.UtcDateTime.ToString(SigV4.DateFormat, CultureInfo.InvariantCulture), region, service);

    public override string ToString() => $"{Date}/{Region}/{Service}/{SigV4.Terminator}";
}

/// <summary>The parts of an <c>Authorization: AWS4-HMAC-SHA256 …</c> header.</summary>
internal sealed record SigV4Authorization(string AccessKeyId, SigV4Scope Scope, IReadOnlyList<string> SignedHeaders, string Signature)
{
    private static readonly string[] RequiredParts = ["Credential", "SignedHeaders", "Signature"];

    public string Format() =>
        $"{SigV4.Algorithm} Credential={AccessKeyId}/{Scope}, SignedHeaders={string.Join(';', SignedHeaders)}, Signature={Signature}";

    /// <summary>Parses the header; on failure <paramref name="error"/> reads like AWS's IncompleteSignatureException message.</summary>
    public static bool TryParse(string? header, out SigV4Authorization? authorization, out string error)
    {
        authorization = null;
        if (header is null || !header.StartsWith(SigV4.Algorithm + " ", StringComparison.Ordinal))
        {
            error = $"Authorization header requires '{SigV4.Algorithm}' as the signing algorithm.";
            return false;
        }

        var parts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in header[(SigV4.Algorithm.Length + 1)..].Split(','))
        {
            var equals = item.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                parts[item[..equals].Trim()] = item[(equals + 1)..].Trim();
            }
        }

        var missing = RequiredParts
            .Where(name => !parts.TryGetValue(name, out var value) || value.Length == 0)
            .Select(name => $"Authorization header requires '{name}' parameter.")
            .ToArray();
        if (missing.Length > 0)
        {
            error = string.Join(' ', missing) + $" Authorization={header}";
            return false;
        }

        var credential = parts["Credential"].Split('/');
        if (credential.Length != 5 || credential[4] != SigV4.Terminator || credential.Any(static p => p.Length == 0))
        {
            error = $"Credential should be scoped to a valid region, not '{parts["Credential"]}'. Credential format is <access key>/<date>/<region>/<service>/{SigV4.Terminator}.";
            return false;
        }

        authorization = new SigV4Authorization(
            credential[0],
            new SigV4Scope(credential[1], credential[2], credential[3]),
            parts["SignedHeaders"].Split(';'),
            parts["Signature"]);
        error = string.Empty;
        return true;
    }
}
