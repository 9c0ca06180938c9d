namespace WebSocketAspire.Functions.Handlers;

/// <summary>
/// Thrown by the authorizer to deny. The runtime reports the message as <c>errorMessage</c>, and API Gateway
/// answers 401 only when that message is exactly <c>Unauthorized</c>.
/// </summary>
internal sealed class UnauthorizedException : Exception
{
    public const string AwsMessage = "Unauthorized";

    public UnauthorizedException() : base(AwsMessage)
    {
    }

    public UnauthorizedException(string message) : base(message)
    {
    }

    public UnauthorizedException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
