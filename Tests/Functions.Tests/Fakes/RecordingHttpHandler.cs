using System.Net;

namespace WebSocketAspire.Tests.Functions.Fakes;

/// <summary>Records each request (with its body read eagerly) and answers with <paramref name="respond"/>.</summary>
internal sealed class RecordingHttpHandler(Func<RecordedRequest, HttpResponseMessage> respond) : HttpMessageHandler
{
    public RecordingHttpHandler() : this(_ => new HttpResponseMessage(HttpStatusCode.OK))
    {
    }

    public List<RecordedRequest> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var recorded = new RecordedRequest(request, body);
        Requests.Add(recorded);
        return respond(recorded);
    }
}

internal sealed record RecordedRequest(HttpRequestMessage Message, byte[] Body)
{
    public string? Header(string name) =>
        Message.Headers.TryGetValues(name, out var values) ? string.Join(",", values)
        : Message.Content?.Headers.TryGetValues(name, out var contentValues) == true ? string.Join(",", contentValues)
        : null;
}
