namespace WebSocketAspire.Infrastructure.Hosting.Processes;

/// <summary>A function's code did not publish (<c>--native-aot</c>): the user's code to fix, not the stack's state.</summary>
internal sealed class FunctionPublishException(string message) : InvalidOperationException(message);
