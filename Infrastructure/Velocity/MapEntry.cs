namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>One element of entrySet(): templates read .key/.value or getKey()/getValue().</summary>
internal sealed record MapEntry(object Key, object? Value);
