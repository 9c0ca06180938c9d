using System.Diagnostics;
using WebSocketAspire.Infrastructure.Lambda;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// The handshake: identity sources → REQUEST authorizer → <c>$connect</c> integration → accept or the
/// status that refuses it. Runs before the 101, so a refusal is a plain HTTP response.
/// </summary>
internal sealed class ConnectFlow(GatewayContext gateway)
{
    public const string RouteKey = "$connect";

    public async Task<ConnectDecision> RunAsync(UpgradeRequest upgrade, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upgrade);
        var connectionId = gateway.Ids.NewId();
        var requestId = gateway.Ids.NewId();
        var now = gateway.Time.GetUtcNow();
        using var activity = GatewayObservability.Source.StartActivity("$connect", ActivityKind.Server);
        activity?.SetTag(GatewayObservability.RouteKey, RouteKey);
        activity?.SetTag(GatewayObservability.ConnectionId, connectionId);
        activity?.SetTag(GatewayObservability.RequestId, requestId);

        var request = WithForwardedHeaders(upgrade, activity);
        var identity = new ConnectionIdentity
        {
            SourceIp = request.SourceIp,
            UserAgent = request.Header("User-Agent"),
            DomainName = request.DomainName,
        };
        var context = new RequestContextValues
        {
            RouteKey = RouteKey,
            EventType = "CONNECT",
            ConnectionId = connectionId,
            RequestId = requestId,
            RequestTime = now,
            ConnectedAt = now,
            Stage = gateway.StageName,
            ApiId = gateway.Api.ApiId,
            Identity = identity,
        };

        var decision = await DecideAsync(request, context, cancellationToken);
        activity?.SetTag(GatewayObservability.Status, decision.StatusCode);
        if (!decision.Accepted)
        {
            activity?.SetStatus(ActivityStatusCode.Error, decision.Reason);
            GatewayLog.HandshakeRefused(gateway.Logger, decision.StatusCode, decision.Reason ?? "");
        }
        return decision;
    }

    private async Task<ConnectDecision> DecideAsync(UpgradeRequest request, RequestContextValues context, CancellationToken cancellationToken)
    {
        if (!gateway.Api.Routes.TryGetValue(RouteKey, out var route))
        {
            // $connect is optional: without it every connection is accepted.
            return ConnectDecision.Accept(context, new Dictionary<string, string>());
        }

        if (string.Equals(route.AuthorizationType, "CUSTOM", StringComparison.Ordinal))
        {
            // Fail closed: a CUSTOM route whose authorizer is missing must never let a client in.
            if (route.AuthorizerId is not { } authorizerId || !gateway.Api.Authorizers.TryGetValue(authorizerId, out var authorizer))
            {
                return ConnectDecision.Refuse(500, $"route $connect is CUSTOM but its authorizer '{route.AuthorizerId}' is not configured");
            }
            if (!IdentitySources.AllPresent(authorizer.IdentitySource, request, gateway.StageVariables, context.ToTemplateContext()))
            {
                return ConnectDecision.Refuse(401, $"an identity source of {authorizer.Name} is missing ({string.Join(", ", authorizer.IdentitySource)}); the authorizer was not invoked");
            }
            var methodArn = gateway.MethodArn(RouteKey);
            var started = gateway.Time.GetTimestamp();
            var result = await gateway.Lambda.InvokeAsync(
                authorizer.FunctionId,
                ProxyEvents.Authorizer(context, request, methodArn, gateway.StageVariables),
                timeout: null,
                cancellationToken);
            var latency = (long)gateway.Time.GetElapsedTime(started).TotalMilliseconds;
            var verdict = AuthorizerVerdict.From(result, methodArn);
            if (!verdict.IsAllowed)
            {
                return ConnectDecision.Refuse(verdict.StatusCode, verdict.Reason ?? "denied");
            }
            var authorizerValues = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["principalId"] = verdict.PrincipalId,
                ["integrationLatency"] = latency,
            };
            foreach (var (key, value) in verdict.Context)
            {
                authorizerValues[key] = value;
            }
            context = context with { Identity = context.Identity with { Authorizer = authorizerValues } };
        }

        var connectRequest = new IntegrationRequest(context, body: null, request, gateway.StageVariables, () => ProxyEvents.Connect(context, request));
        var outcome = await gateway.Integrations.RunAsync(route, connectRequest, cancellationToken);
        if (outcome.Failed)
        {
            return ConnectDecision.Refuse(502, outcome.Failure!);
        }
        if (outcome.StatusCode is < 200 or > 299)
        {
            return ConnectDecision.Refuse(outcome.StatusCode, $"the $connect integration returned statusCode {outcome.StatusCode}");
        }
        return ConnectDecision.Accept(context, outcome.Headers);
    }

    /// <summary>API Gateway adds these before the request reaches the authorizer and the integration.</summary>
    private static UpgradeRequest WithForwardedHeaders(UpgradeRequest request, Activity? activity)
    {
        var headers = new List<KeyValuePair<string, string[]>>(request.Headers);
        Set(headers, "X-Amzn-Trace-Id", LambdaService.TraceHeader(activity) is { } trace ? trace[..trace.IndexOf(';', StringComparison.Ordinal)] : null);
        Set(headers, "X-Forwarded-For", request.SourceIp);
        Set(headers, "X-Forwarded-Port", request.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Set(headers, "X-Forwarded-Proto", request.Scheme);
        return request with { Headers = headers };
    }

    private static void Set(List<KeyValuePair<string, string[]>> headers, string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        headers.RemoveAll(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        headers.Add(new(name, [value]));
    }
}

/// <summary>The outcome of a handshake: accept (with the context the connection keeps) or refuse with a status.</summary>
internal sealed record ConnectDecision
{
    public required int StatusCode { get; init; }
    public string? Reason { get; init; }
    public RequestContextValues? Context { get; init; }
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public bool Accepted => Context is not null;

    public static ConnectDecision Accept(RequestContextValues context, IReadOnlyDictionary<string, string> headers) =>
        new() { StatusCode = 101, Context = context, Headers = headers };

    public static ConnectDecision Refuse(int status, string reason) => new() { StatusCode = status, Reason = reason };
}

/// <summary>A handshake's outcome as the gateway decided it: 101 with the connection id, or the refusal's status and reason.</summary>
internal sealed record HandshakeOutcome(int SourcePort, int StatusCode, string? ConnectionId, string? Reason);
