using Microsoft.Extensions.Logging;
using WebSocketAspire.Functions.Events;

namespace WebSocketAspire.Functions.Handlers;

/// <summary>The REQUEST authorizer: allows <c>$connect</c> when the <c>token</c> header is <c>hello</c>.</summary>
internal sealed partial class AuthorizerHandler(ILogger<AuthorizerHandler> logger) : IEventHandler<AuthorizerRequest, AuthorizerResponse>
{
    public const string TokenHeader = "token";
    public const string ExpectedToken = "hello";
    public const string PrincipalId = "me";

    public Task<AuthorizerResponse> HandleAsync(AuthorizerRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (FindHeader(input, TokenHeader) is not ExpectedToken)
        {
            Log.Denied(logger, input.RequestContext?.ConnectionId);
            throw new UnauthorizedException();
        }

        var methodArn = input.MethodArn ?? throw new InvalidDataException("The authorizer event has no methodArn.");
        Log.Allowed(logger, input.RequestContext?.ConnectionId);
        return Task.FromResult(new AuthorizerResponse
        {
            PrincipalId = PrincipalId,
            PolicyDocument = new PolicyDocument
            {
                Statement = [new PolicyStatement { Action = "execute-api:Invoke", Effect = "Allow", Resource = methodArn }],
            },
            Context = new Dictionary<string, string> { [TokenHeader] = ExpectedToken },
        });
    }

    // HTTP header names are case-insensitive, but the event keeps the client's spelling.
    private static string? FindHeader(AuthorizerRequest input, string name)
    {
        var single = input.Headers?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        if (single?.Key is not null)
        {
            return single.Value.Value;
        }
        var multi = input.MultiValueHeaders?.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase));
        return multi?.Value is { Count: > 0 } values ? values[0] : null;
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Connection {ConnectionId} authorized")]
        public static partial void Allowed(ILogger logger, string? connectionId);

        [LoggerMessage(2, LogLevel.Information, "Connection {ConnectionId} denied: missing or wrong token")]
        public static partial void Denied(ILogger logger, string? connectionId);
    }
}
