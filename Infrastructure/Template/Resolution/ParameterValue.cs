namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>The bound value of a template parameter: a string, or a list for list-typed parameters.</summary>
internal sealed record ParameterValue(string Name, string Text, IReadOnlyList<string>? List)
{
    public bool IsList => List is not null;
}
