using System.Net;

namespace WebSocketAspire.Functions.Connections;

/// <summary>410 / <c>GoneException</c>: the connection is closed, unknown, or not yet connected.</summary>
internal sealed class GoneException : ConnectionsApiException
{
    public const string ErrorTypeName = "GoneException";

    public GoneException()
    {
    }

    public GoneException(string message) : base(message)
    {
    }

    public GoneException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public GoneException(string connectionId, string message) : base(HttpStatusCode.Gone, ErrorTypeName, message)
    {
        ConnectionId = connectionId;
    }

    public string? ConnectionId { get; }
}
