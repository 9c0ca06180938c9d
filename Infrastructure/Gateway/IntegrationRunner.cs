using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using WebSocketAspire.Infrastructure.Lambda;
using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// Runs a route's integration: a proxy event straight to the function (AWS_PROXY), or a request
/// mapping template, the function, the integration response and its template (AWS, MOCK).
/// </summary>
internal sealed class IntegrationRunner
{
    private readonly WebSocketApiModel _api;
    private readonly LambdaService _lambda;
    private readonly MappingTemplates _templates;
    private readonly Dictionary<string, SelectionExpression> _selections = new(StringComparer.Ordinal);

    public IntegrationRunner(WebSocketApiModel api, LambdaService lambda, MappingTemplates templates)
    {
        _api = api;
        _lambda = lambda;
        _templates = templates;
        foreach (var integration in api.Integrations.Values)
        {
            if (integration.TemplateSelectionExpression is { } request)
            {
                _selections[integration.LogicalId] = SelectionExpression.Parse(request);
            }
            foreach (var response in integration.Responses)
            {
                if (response.TemplateSelectionExpression is { } expression)
                {
                    _selections[response.LogicalId] = SelectionExpression.Parse(expression);
                }
            }
        }
    }

    /// <summary>Runs the integration of <paramref name="route"/>; a route without one yields <see cref="IntegrationOutcome.None"/>.</summary>
    public async Task<IntegrationOutcome> RunAsync(RouteModel route, IntegrationRequest request, CancellationToken cancellationToken)
    {
        if (route.IntegrationId is null || !_api.Integrations.TryGetValue(route.IntegrationId, out var integration))
        {
            return IntegrationOutcome.None;
        }
        try
        {
            return integration.Type switch
            {
                IntegrationType.AwsProxy => await RunProxyAsync(integration, request, cancellationToken),
                IntegrationType.Aws => await RunMappedAsync(integration, request, invoke: true, route.IsTwoWay, cancellationToken),
                IntegrationType.Mock => await RunMappedAsync(integration, request, invoke: false, route.IsTwoWay, cancellationToken),
                _ => IntegrationOutcome.Fail($"integration type {integration.Type} is not emulated locally"),
            };
        }
        catch (VelocityException e)
        {
            return IntegrationOutcome.Fail($"mapping template error: {e.Message}");
        }
    }

    private async Task<IntegrationOutcome> RunProxyAsync(IntegrationModel integration, IntegrationRequest request, CancellationToken cancellationToken)
    {
        if (integration.FunctionId is not { } function)
        {
            return IntegrationOutcome.Fail($"integration {integration.LogicalId} names no function");
        }
        var result = await _lambda.InvokeAsync(function, request.ProxyEvent(), Timeout(integration), cancellationToken);
        if (result.IsError)
        {
            return IntegrationOutcome.Fail($"{function} failed: {result.ErrorType}: {result.ErrorMessage}");
        }
        return ProxyResult.Read(result.Payload);
    }

    /// <summary>
    /// The payload the integration of <paramref name="route"/> receives for <paramref name="request"/>:
    /// the proxy event, or the rendered request template (or the passthrough body). The local
    /// counterpart of the console's test feature; <see cref="RunAsync"/> sends exactly this.
    /// </summary>
    public RequestPayload PrepareRequest(RouteModel route, IntegrationRequest request)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(request);
        if (route.IntegrationId is null || !_api.Integrations.TryGetValue(route.IntegrationId, out var integration))
        {
            return RequestPayload.Fail($"route {route.RouteKey} has no integration");
        }
        if (integration.Type is IntegrationType.AwsProxy)
        {
            return new RequestPayload(System.Text.Encoding.UTF8.GetString(request.ProxyEvent()), null);
        }
        return PrepareMapped(integration, request);
    }

    private RequestPayload PrepareMapped(IntegrationModel integration, IntegrationRequest request)
    {
        var body = request.Body ?? "";
        var template = SelectRequestTemplate(integration, body);
        if (template is not null)
        {
            return new RequestPayload(template.Render(request.MappingInput(body)), null);
        }
        if (Passes(integration))
        {
            return new RequestPayload(body, null);
        }
        // PassthroughBehavior NEVER/WHEN_NO_TEMPLATES with no matching template: API Gateway rejects
        // the request (415 Unsupported Media Type on REST); over WebSocket we assume an error frame.
        return RequestPayload.Fail($"no request template of {integration.LogicalId} matches and PassthroughBehavior is {integration.PassthroughBehavior}");
    }

    // respond: whether anything goes back to the client (a two-way route); otherwise the response side is not rendered.
    private async Task<IntegrationOutcome> RunMappedAsync(IntegrationModel integration, IntegrationRequest request, bool invoke, bool respond, CancellationToken cancellationToken)
    {
        var prepared = PrepareMapped(integration, request);
        if (prepared.Failure is { } failure)
        {
            return IntegrationOutcome.Fail(failure);
        }
        var payload = prepared.Payload!;

        string? errorMessage = null;
        byte[] responsePayload = [];
        var statusCode = 200;
        if (invoke)
        {
            if (integration.FunctionId is not { } function)
            {
                return IntegrationOutcome.Fail($"integration {integration.LogicalId} names no function");
            }
            var bytes = Encoding.UTF8.GetBytes(payload);
            if (!IsJson(bytes))
            {
                return IntegrationOutcome.Fail($"the request template of {integration.LogicalId} did not render valid JSON, so Lambda cannot parse it: {Preview(payload)}");
            }
            var result = await _lambda.InvokeAsync(function, bytes, Timeout(integration), cancellationToken);
            responsePayload = result.Payload;
            if (result.IsError)
            {
                errorMessage = result.ErrorMessage ?? result.ErrorType;
                statusCode = 502;
            }
        }
        else
        {
            statusCode = MockStatus(payload);
        }

        var response = SelectResponse(integration, invoke ? errorMessage : statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (errorMessage is not null && response is null)
        {
            return IntegrationOutcome.Fail($"{integration.FunctionId} failed: {errorMessage}");
        }
        var outcome = new IntegrationOutcome { StatusCode = errorMessage is null ? statusCode : 200 };
        if (!respond)
        {
            return outcome; // one-way: API Gateway sends nothing back, so there is nothing to render
        }
        var body = Encoding.UTF8.GetString(responsePayload);
        if (response is not null && SelectResponseTemplate(response, request, statusCode) is { } responseTemplate)
        {
            body = responseTemplate.Render(request.MappingInput(body));
        }
        return outcome with { ResponseBody = body };
    }

    private MappingTemplate? SelectRequestTemplate(IntegrationModel integration, string body)
    {
        if (integration.RequestTemplates.Count == 0)
        {
            return null;
        }
        if (_selections.TryGetValue(integration.LogicalId, out var expression))
        {
            var key = expression.EvaluateOnBody(body, out _);
            return _templates.Find(integration.LogicalId, key) ?? _templates.Find(integration.LogicalId, RouteSelector.DefaultRoute);
        }
        // No selection expression: undocumented; AWS samples key the template as application/json or $default, so take those, else the only one.
        return _templates.Find(integration.LogicalId, RouteSelector.DefaultRoute)
            ?? _templates.Find(integration.LogicalId, "application/json")
            ?? (integration.RequestTemplates.Count == 1 ? _templates.Find(integration.LogicalId, integration.RequestTemplates.Keys.First()) : null);
    }

    private MappingTemplate? SelectResponseTemplate(IntegrationResponseModel response, IntegrationRequest request, int statusCode)
    {
        if (response.ResponseTemplates.Count == 0)
        {
            return null;
        }
        if (_selections.TryGetValue(response.LogicalId, out var expression))
        {
            var key = expression.EvaluateOnBody(request.Body ?? "", out _, variable => variable == "integration.response.statuscode"
                ? statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null);
            return _templates.Find(response.LogicalId, key) ?? _templates.Find(response.LogicalId, RouteSelector.DefaultRoute);
        }
        return _templates.Find(response.LogicalId, RouteSelector.DefaultRoute)
            ?? (response.ResponseTemplates.Count == 1 ? _templates.Find(response.LogicalId, response.ResponseTemplates.Keys.First()) : null);
    }

    /// <summary>
    /// Integration response selection: Lambda errors match their errorMessage, MOCK/HTTP their status
    /// code, against the keys written <c>/regex/</c>; anything else falls to <c>$default</c>.
    /// A failed Lambda with no regex match and no <c>$default</c> yields null.
    /// </summary>
    private static IntegrationResponseModel? SelectResponse(IntegrationModel integration, string? selector)
    {
        IntegrationResponseModel? fallback = null;
        foreach (var response in integration.Responses)
        {
            var key = response.IntegrationResponseKey;
            if (key == RouteSelector.DefaultRoute)
            {
                fallback = response;
            }
            else if (selector is not null && key.Length >= 2 && key[0] == '/' && key[^1] == '/'
                && Regex.IsMatch(selector, "^(?:" + key[1..^1] + ")$", RegexOptions.None, TimeSpan.FromMilliseconds(100)))
            {
                return response;
            }
        }
        return fallback;
    }

    private static bool Passes(IntegrationModel integration) => integration.PassthroughBehavior switch
    {
        PassthroughBehavior.WhenNoMatch => true,
        PassthroughBehavior.WhenNoTemplates => integration.RequestTemplates.Count == 0,
        _ => false,
    };

    private static int MockStatus(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("statusCode", out var code)
                && code.TryGetInt32(out var status) ? status : 200;
        }
        catch (JsonException)
        {
            return 200;
        }
    }

    /// <summary>Whether the payload is one JSON value, checked without building a document.</summary>
    private static bool IsJson(ReadOnlySpan<byte> payload)
    {
        var reader = new Utf8JsonReader(payload);
        try
        {
            while (reader.Read())
            {
            }
            return reader.BytesConsumed > 0;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Preview(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private static TimeSpan Timeout(IntegrationModel integration) => TimeSpan.FromMilliseconds(integration.TimeoutInMillis);
}

/// <summary>A rendered integration request, or why it could not be rendered.</summary>
internal sealed record RequestPayload(string? Payload, string? Failure)
{
    public static RequestPayload Fail(string reason) => new(null, reason);
}
