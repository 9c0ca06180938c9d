using System.Net;

namespace WebSocketAspire.Functions.Connections;

/// <summary>A non-success answer from the management API, with the <c>x-amzn-ErrorType</c> it carried.</summary>
internal class ConnectionsApiException : Exception
{
    public ConnectionsApiException()
    {
    }

    public ConnectionsApiException(string message) : base(message)
    {
    }

    public ConnectionsApiException(string message, Exception innerException) : base(message, innerException)
    {
    }

    public ConnectionsApiException(HttpStatusCode statusCode, string? errorType, string message) : base(message)
    {
        StatusCode = statusCode;
        ErrorType = errorType;
    }

    public HttpStatusCode? StatusCode { get; }

    public string? ErrorType { get; }
}
