namespace WebSocketAspire.Infrastructure.Auth;

/// <summary>
/// A request as it arrived, before any decoding: the path and query exactly as sent (still
/// percent-encoded, e.g. <c>/stage/@connections/abc%3D</c>), every header value and the body bytes.
/// </summary>
internal sealed record SigV4Request(
    string Method,
    string RawPath,
    string? RawQuery,
    IEnumerable<KeyValuePair<string, IEnumerable<string>>> Headers,
    ReadOnlyMemory<byte> Body);

/// <summary>What the verifier knows about an access key; a session token, when set, must arrive in <c>x-amz-security-token</c>.</summary>
internal sealed record SigV4Credential(string SecretAccessKey, string? SessionToken = null);

/// <summary>Outcome of a verification; failures carry the AWS error type and message.</summary>
internal sealed record SigV4VerificationResult(bool IsValid, string? AccessKeyId, string? ErrorType, string? Message)
{
    public static SigV4VerificationResult Success(string accessKeyId) => new(true, accessKeyId, null, null);

    public static SigV4VerificationResult Failure(string errorType, string message) => new(false, null, errorType, message);
}

/// <summary>Checks SigV4 <c>Authorization</c> headers the way API Gateway does for the @connections API.</summary>
internal sealed class SigV4Verifier
{
    public const string MissingTokenMessage = "Missing Authentication Token";
    public const string InvalidTokenMessage = "The security token included in the request is invalid.";
    public const string SignatureMismatchMessage =
        "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.";

    private const string ContentSha256Header = "x-amz-content-sha256";
    private const string UnsignedPayload = "UNSIGNED-PAYLOAD";

    private readonly Func<string, SigV4Credential?> _credentials;
    private readonly TimeProvider _time;
    private readonly string _service;
    private readonly TimeSpan _allowedSkew;
    private readonly string? _region;

    // The credential lookup returns null for an unknown access key id; a null region accepts any.
    public SigV4Verifier(
        Func<string, SigV4Credential?> credentials,
        TimeProvider time,
        string service = "execute-api",
        TimeSpan? allowedSkew = null,
        string? region = null)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        ArgumentNullException.ThrowIfNull(time);
        _credentials = credentials;
        _time = time;
        _service = service;
        _allowedSkew = allowedSkew ?? TimeSpan.FromMinutes(5);
        _region = region;
    }

    /// <summary>
    /// Everything that can be checked before the body is read: the Authorization header, the date,
    /// the credential scope (service, region, day), the clock and the access key. Null when they hold;
    /// the signature itself needs the body (<see cref="Verify"/>).
    /// </summary>
    public SigV4VerificationResult? VerifyHeaders(IEnumerable<KeyValuePair<string, IEnumerable<string>>> headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        return CheckHeaders(SigV4.NormalizeHeaders(headers), out _, out _, out _);
    }

    public SigV4VerificationResult Verify(SigV4Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var headers = SigV4.NormalizeHeaders(request.Headers);
        if (CheckHeaders(headers, out var parsed, out var amzDate, out var found) is { } failure)
        {
            return failure;
        }
        // Both are set whenever the header checks pass.
        var authorization = parsed!;
        var credential = found!;

        var bodyHash = SigV4.HexSha256(request.Body.Span);
        var payloadHash = bodyHash;
        if (headers.TryGetValue(ContentSha256Header, out var declaredHash) && declaredHash != UnsignedPayload)
        {
            if (!string.Equals(declaredHash, bodyHash, StringComparison.OrdinalIgnoreCase))
            {
                return SigV4VerificationResult.Failure("InvalidSignatureException", "The provided 'x-amz-content-sha256' header does not match what was computed.");
            }
            payloadHash = declaredHash;
        }
        else if (declaredHash == UnsignedPayload)
        {
            payloadHash = UnsignedPayload;
        }

        var canonicalRequest = SigV4.CanonicalRequest(
            request.Method,
            SigV4.CanonicalUri(request.RawPath),
            SigV4.CanonicalQueryString(request.RawQuery),
            SigV4.CanonicalHeaders(headers, authorization.SignedHeaders),
            SigV4.SignedHeaders(authorization.SignedHeaders),
            payloadHash);
        var expected = SigV4.ComputeSignature(credential.SecretAccessKey, amzDate, authorization.Scope, canonicalRequest);

        return SigV4.SignaturesEqual(expected, authorization.Signature)
            ? SigV4VerificationResult.Success(authorization.AccessKeyId)
            : SigV4VerificationResult.Failure("InvalidSignatureException", SignatureMismatchMessage);
    }

    private SigV4VerificationResult? CheckHeaders(SortedDictionary<string, string> headers, out SigV4Authorization? authorization, out string amzDate, out SigV4Credential? credential)
    {
        authorization = null;
        amzDate = "";
        credential = null;
        if (!headers.TryGetValue("authorization", out var authorizationHeader) || authorizationHeader.Length == 0)
        {
            return SigV4VerificationResult.Failure("MissingAuthenticationTokenException", MissingTokenMessage);
        }
        if (!SigV4Authorization.TryParse(authorizationHeader, out authorization, out var parseError))
        {
            return Incomplete(parseError);
        }

        if (!headers.TryGetValue("x-amz-date", out var date) || !SigV4.TryParseAmzDate(date, out var signedAt))
        {
            return Incomplete("Authorization header requires existence of a valid 'X-Amz-Date' header.");
        }
        amzDate = date;
        if (!authorization!.SignedHeaders.Contains("host", StringComparer.Ordinal))
        {
            return Incomplete("'Host' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (!authorization.SignedHeaders.Contains("x-amz-date", StringComparer.Ordinal))
        {
            return Incomplete("'X-Amz-Date' must be a 'SignedHeader' in the AWS Authorization.");
        }
        if (authorization.Scope.Service != _service)
        {
            return Incomplete($"Credential should be scoped to correct service: '{_service}'.");
        }
        if (_region is not null && authorization.Scope.Region != _region)
        {
            return Incomplete($"Credential should be scoped to a valid region, not '{authorization.Scope.Region}'.");
        }
        if (authorization.Scope.Date != amzDate[..8])
        {
            return Incomplete($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{authorization.Scope.Date}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (CheckClock(signedAt, amzDate) is { } clockFailure)
        {
            return clockFailure;
        }

        credential = _credentials(authorization.AccessKeyId);
        headers.TryGetValue("x-amz-security-token", out var sessionToken);
        if (credential is null || !string.Equals(credential.SessionToken ?? string.Empty, sessionToken ?? string.Empty, StringComparison.Ordinal))
        {
            return SigV4VerificationResult.Failure("UnrecognizedClientException", InvalidTokenMessage);
        }
        return null;
    }

    private SigV4VerificationResult? CheckClock(DateTimeOffset signedAt, string amzDate)
    {
        var now = _time.GetUtcNow();
        var minutes = _allowedSkew.TotalMinutes;
        if (signedAt < now - _allowedSkew)
        {
            return SigV4VerificationResult.Failure(
                "InvalidSignatureException",
                $"Signature expired: {amzDate} is now earlier than {SigV4.FormatAmzDate(now - _allowedSkew)} ({SigV4.FormatAmzDate(now)} - {minutes} min.)");
        }
        if (signedAt > now + _allowedSkew)
        {
            return SigV4VerificationResult.Failure(
                "InvalidSignatureException",
                $"Signature not yet current: {amzDate} is still later than {SigV4.FormatAmzDate(now + _allowedSkew)} ({SigV4.FormatAmzDate(now)} + {minutes} min.)");
        }
        return null;
    }

    private static SigV4VerificationResult Incomplete(string message) =>
        SigV4VerificationResult.Failure("IncompleteSignatureException", message);
}
