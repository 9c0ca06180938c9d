namespace WebSocketAspire.Infrastructure.Template.Syntax;

/// <summary>Where a node starts in the template; line and column are 1-based.</summary>
internal sealed record SourceLocation(string File, int Line, int Column);
