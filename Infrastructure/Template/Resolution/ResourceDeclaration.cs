using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>A named reference written in the template (a DependsOn entry, a Ref target, …) and where it was written.</summary>
internal sealed record NameAt(string Name, SourceLocation Location);

/// <summary>One entry of the Resources section, before intrinsic functions are resolved.</summary>
internal sealed record ResourceDeclaration(
    string LogicalId,
    string Type,
    SourceLocation Location,
    MapNode Properties,
    IReadOnlyList<NameAt> DependsOn,
    NameAt? Condition);
