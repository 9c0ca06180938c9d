using System.Text.RegularExpressions;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>
/// The shapes of WebSocket selection expressions API Gateway accepts: <c>$request.body.path</c> alone, or
/// <c>${request.body.path}</c> references mixed with literal text.
/// </summary>
internal static partial class SelectionExpressions
{
    public const string RouteSelectionHint = "use $request.body.<path> (e.g. $request.body.action), or ${request.body.<path>} references mixed with literal text";

    public const string TemplateSelectionHint = "use \\$default, a literal key, $request.body.<path>, or ${request.body.<path>} references mixed with literal text";

    public static bool IsValidRouteSelection(string expression) =>
        WholeBodyReference().IsMatch(expression) || (IsMixed(expression) && Interpolation().IsMatch(expression));

    /// <summary>A template selection expression may also be a plain literal such as <c>\$default</c>.</summary>
    public static bool IsValidTemplateSelection(string expression) =>
        WholeBodyReference().IsMatch(expression) || IsMixed(expression);

    public static bool IsValidRouteResponseSelection(string expression) => expression == "$default";

    /// <summary>Literal text in which every unescaped <c>$</c> starts a <c>${request.body.path}</c> reference.</summary>
    private static bool IsMixed(string expression)
    {
        var withoutReferences = Interpolation().Replace(expression, string.Empty).Replace("\\$", string.Empty, StringComparison.Ordinal);
        return expression.Length > 0 && !withoutReferences.Contains('$', StringComparison.Ordinal) && !withoutReferences.Contains('{', StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^\$request\.body(\.[A-Za-z0-9_\-]+)+$")]
    private static partial Regex WholeBodyReference();

    [GeneratedRegex(@"\$\{request\.body(\.[A-Za-z0-9_\-]+)+\}")]
    private static partial Regex Interpolation();
}
