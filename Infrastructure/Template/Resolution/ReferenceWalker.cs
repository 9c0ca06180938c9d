using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>
/// Checks every intrinsic function call before anything is resolved: unknown functions, names that resolve to
/// nothing, and wrong argument shapes. Returns the resources a value refers to, for the dependency graph.
/// </summary>
internal sealed class ReferenceWalker(TemplateDocument document, IReadOnlySet<string> parameters, DiagnosticBag diagnostics)
{
    private string? _owner;
    private List<NameAt> _references = [];

    public List<NameAt> Walk(TemplateNode node, string? owner, bool conditionContext = false)
    {
        _owner = owner;
        _references = [];
        Visit(node, conditionContext, new HashSet<string>(StringComparer.Ordinal));
        return _references;
    }

    public void CheckCondition(NameAt condition, string? owner)
    {
        if (document.Conditions[condition.Name] is null)
        {
            var names = document.Conditions.Entries.Select(e => e.Key);
            diagnostics.Error(condition.Location, owner, $"Condition '{condition.Name}' is not defined in Conditions{Suggestions.DidYouMean(condition.Name, names)}");
        }
    }

    public void CheckDependsOn(NameAt target, string owner)
    {
        if (document.Resources.ContainsKey(target.Name))
        {
            return;
        }

        diagnostics.Error(target.Location, owner, $"DependsOn '{target.Name}' names no resource{Suggestions.DidYouMean(target.Name, document.Resources.Keys)}");
    }

    private void Visit(TemplateNode node, bool conditionContext, HashSet<string> locals)
    {
        switch (node)
        {
            case ListNode list:
                foreach (var item in list.Items)
                {
                    Visit(item, conditionContext, locals);
                }

                break;

            case MapNode map when map.IsIntrinsic(out var name, out var argument):
                VisitIntrinsic(map, name, argument, conditionContext, locals);
                break;

            case MapNode { Entries: [{ Key: "Condition", Value: ScalarNode condition }] } when conditionContext:
                CheckCondition(new NameAt(condition.Value, condition.Location), _owner);
                break;

            case MapNode map:
                foreach (var entry in map.Entries)
                {
                    if (entry.Key.StartsWith("Fn::", StringComparison.Ordinal))
                    {
                        diagnostics.Error(entry.KeyLocation, _owner, $"'{entry.Key}' must be the only key of its mapping.");
                    }

                    Visit(entry.Value, conditionContext, locals);
                }

                break;
        }
    }

    private void VisitIntrinsic(MapNode call, string name, TemplateNode argument, bool conditionContext, HashSet<string> locals)
    {
        var at = call.Location;
        switch (name)
        {
            case "Ref" when argument is ScalarNode { Value.Length: > 0 } target:
                CheckName(target.Value, target.Location, "Ref", locals);
                break;
            case "Ref":
                diagnostics.Error(at, _owner, "Ref takes the name of a resource or parameter.");
                break;
            case "Fn::GetAtt":
                VisitGetAtt(argument, at, conditionContext, locals);
                break;
            case "Fn::Sub":
                VisitSub(argument, at, conditionContext, locals);
                break;
            case "Fn::If" when argument is ListNode { Items: [ScalarNode condition, var whenTrue, var whenFalse] }:
                CheckCondition(new NameAt(condition.Value, condition.Location), _owner);
                Visit(whenTrue, conditionContext, locals);
                Visit(whenFalse, conditionContext, locals);
                break;
            case "Fn::If":
                diagnostics.Error(at, _owner, "Fn::If takes [condition name, value if true, value if false].");
                break;
            case "Fn::Equals" or "Fn::And" or "Fn::Or" or "Fn::Not":
                Visit(argument, conditionContext: true, locals);
                break;
            case "Fn::FindInMap" when argument is ListNode { Items: [var mapping, _, _, ..] } list:
                if (mapping is ScalarNode mappingName && document.Mappings[mappingName.Value] is null)
                {
                    var names = document.Mappings.Entries.Select(e => e.Key);
                    diagnostics.Error(mappingName.Location, _owner, $"Fn::FindInMap: mapping '{mappingName.Value}' is not defined in Mappings{Suggestions.DidYouMean(mappingName.Value, names)}");
                }

                Visit(list, conditionContext, locals);
                break;
            case "Fn::FindInMap":
                diagnostics.Error(at, _owner, "Fn::FindInMap takes [mapping name, top-level key, second-level key].");
                break;
            case "Fn::ImportValue":
                diagnostics.Error(at, _owner, $"Fn::ImportValue is not available locally: there are no other stacks to import {Describe(argument)} from; pass the value as a parameter instead.");
                break;
            case "Fn::GetAZs":
                diagnostics.Error(at, _owner, "Fn::GetAZs is not available locally: there are no availability zones; use a parameter or a literal list instead.");
                break;
            case var other when IntrinsicNames.NotAvailableLocally.Contains(other):
                diagnostics.Error(at, _owner, $"{other} is not available locally.");
                break;
            case var other when !IntrinsicNames.Supported.Contains(other):
                diagnostics.Error(at, _owner, $"Unknown intrinsic function '{other}'{Suggestions.DidYouMean(other, IntrinsicNames.All)}");
                Visit(argument, conditionContext, locals);
                break;
            default:
                Visit(argument, conditionContext, locals);
                break;
        }
    }

    private static string Describe(TemplateNode node) => node is ScalarNode s ? $"'{s.Value}'" : "the export";

    private void VisitGetAtt(TemplateNode argument, SourceLocation at, bool conditionContext, HashSet<string> locals)
    {
        switch (argument)
        {
            case ListNode { Items: [ScalarNode resource, ScalarNode attribute] }:
                CheckAttribute(resource.Value, attribute.Value, resource.Location, "Fn::GetAtt");
                break;
            case ListNode { Items: [ScalarNode resource, var attribute] }:
                CheckAttribute(resource.Value, null, resource.Location, "Fn::GetAtt");
                Visit(attribute, conditionContext, locals);
                break;
            case ScalarNode dotted when dotted.Value.Contains('.', StringComparison.Ordinal):
                var (target, name) = SubTemplate.SplitVariable(dotted.Value);
                CheckAttribute(target, name, dotted.Location, "Fn::GetAtt");
                break;
            default:
                diagnostics.Error(at, _owner, "Fn::GetAtt takes [resource, attribute] or 'Resource.Attribute'.");
                break;
        }
    }

    private void VisitSub(TemplateNode argument, SourceLocation at, bool conditionContext, HashSet<string> locals)
    {
        switch (argument)
        {
            case ScalarNode text:
                CheckSubVariables(text, locals);
                break;
            case ListNode { Items: [ScalarNode text, MapNode variables] }:
                foreach (var entry in variables.Entries)
                {
                    Visit(entry.Value, conditionContext, locals);
                }

                var scoped = new HashSet<string>(locals, StringComparer.Ordinal);
                scoped.UnionWith(variables.Entries.Select(e => e.Key));
                CheckSubVariables(text, scoped);
                break;
            default:
                diagnostics.Error(at, _owner, "Fn::Sub takes a string, or [string, {variable: value}].");
                break;
        }
    }

    private void CheckSubVariables(ScalarNode text, HashSet<string> locals)
    {
        foreach (var part in SubTemplate.Parse(text.Value).Where(p => p.IsVariable && !locals.Contains(p.Text)))
        {
            var (target, attribute) = SubTemplate.SplitVariable(part.Text);
            if (attribute is null)
            {
                CheckName(target, text.Location, $"Fn::Sub variable '${{{part.Text}}}'", locals);
            }
            else
            {
                CheckAttribute(target, attribute, text.Location, $"Fn::Sub variable '${{{part.Text}}}'");
            }
        }
    }

    private void CheckName(string name, SourceLocation at, string what, HashSet<string> locals)
    {
        if (document.Resources.ContainsKey(name))
        {
            _references.Add(new NameAt(name, at));
            return;
        }

        if (parameters.Contains(name) || PseudoParameters.Names.Contains(name) || locals.Contains(name)
            || document.Parameters[name] is not null)
        {
            return;
        }

        var candidates = name.StartsWith("AWS::", StringComparison.Ordinal)
            ? PseudoParameters.Names
            : document.Resources.Keys.Concat(document.Parameters.Entries.Select(e => e.Key)).Concat(locals);
        var prefix = what == "Ref" ? $"Ref '{name}'" : what;
        diagnostics.Error(at, _owner, $"{prefix} names no resource, parameter or pseudo parameter{Suggestions.DidYouMean(name, candidates)}");
    }

    private void CheckAttribute(string resource, string? attribute, SourceLocation at, string what)
    {
        if (!document.Resources.TryGetValue(resource, out var declaration))
        {
            diagnostics.Error(at, _owner, $"{what}: '{resource}' names no resource{Suggestions.DidYouMean(resource, document.Resources.Keys)}");
            return;
        }

        _references.Add(new NameAt(resource, at));
        if (attribute is not null && ResourceTypes.AttributesOf(declaration.Type) is { } known && !known.Contains(attribute))
        {
            var hint = known.Count == 0 ? "; it has no attributes."
                : Suggestions.Closest(attribute, known) is { } close ? $"; did you mean '{close}'?" : $"; it has {string.Join(", ", known)}.";
            diagnostics.Error(at, _owner, $"{what}: {declaration.Type} '{resource}' has no attribute '{attribute}'{hint}");
        }
    }
}
