using System.Globalization;
using System.Text.RegularExpressions;
using WebSocketAspire.Infrastructure.Template.Diagnostics;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Resolution;

/// <summary>Binds each parameter to its override or default and checks it against the parameter's constraints.</summary>
internal static class ParameterBinder
{
    public static Dictionary<string, ParameterValue> Bind(MapNode parameters, IReadOnlyDictionary<string, string> overrides, DiagnosticBag diagnostics)
    {
        var values = new Dictionary<string, ParameterValue>(StringComparer.Ordinal);
        foreach (var entry in parameters.Entries)
        {
            if (entry.Value is not MapNode declaration)
            {
                diagnostics.Error(entry.Value.Location, entry.Key, "A parameter must be a mapping with a Type.");
                continue;
            }

            if (Bind(entry, declaration, overrides, diagnostics) is { } value)
            {
                values[entry.Key] = value;
            }
        }

        foreach (var name in overrides.Keys.Where(k => !values.ContainsKey(k) && parameters[k] is null))
        {
            var names = parameters.Entries.Select(e => e.Key);
            diagnostics.Warning(parameters.Location, null, $"Parameter override '{name}' names no parameter of the template{Suggestions.DidYouMean(name, names)}");
        }

        return values;
    }

    private static ParameterValue? Bind(MapEntry entry, MapNode declaration, IReadOnlyDictionary<string, string> overrides, DiagnosticBag diagnostics)
    {
        var name = entry.Key;
        var type = (declaration["Type"] as ScalarNode)?.Value;
        if (type is null)
        {
            diagnostics.Error(entry.KeyLocation, name, $"Parameter '{name}' has no Type.");
            return null;
        }

        string? text;
        SourceLocation at;
        if (overrides.TryGetValue(name, out var overridden))
        {
            text = overridden;
            at = entry.KeyLocation;
        }
        else
        {
            var fallback = declaration["Default"];
            if (fallback is MapNode)
            {
                diagnostics.Error(fallback.Location, name, $"Parameter '{name}' Default must be a literal value; intrinsic functions are not allowed in Parameters.");
                return null;
            }

            text = fallback switch
            {
                ScalarNode scalar => scalar.Value,
                ListNode list => string.Join(',', list.Items.OfType<ScalarNode>().Select(s => s.Value)),
                _ => null,
            };
            at = fallback?.Location ?? entry.KeyLocation;
        }

        if (text is null)
        {
            diagnostics.Error(entry.KeyLocation, name, $"Parameter '{name}' has no value: give it a Default or pass an override for '{name}'.");
            return null;
        }

        var isList = type is "CommaDelimitedList" || type.StartsWith("List<", StringComparison.Ordinal);
        var items = isList ? text.Split(',').Select(s => s.Trim()).ToList() : null;
        var isNumber = type is "Number" or "List<Number>";
        foreach (var item in items ?? [text])
        {
            Check(name, item, isNumber, declaration, at, diagnostics);
        }

        if (!isList && !isNumber && type != "String" && !type.StartsWith("AWS::", StringComparison.Ordinal))
        {
            diagnostics.Error(declaration["Type"]!.Location, name, $"Parameter type '{type}' is not a CloudFormation parameter type{Suggestions.DidYouMean(type, ["String", "Number", "CommaDelimitedList", "List<Number>"])}");
        }

        if (type.StartsWith("AWS::SSM::Parameter::Value<", StringComparison.Ordinal))
        {
            diagnostics.Warning(declaration["Type"]!.Location, name, $"Parameter '{name}' is read from SSM Parameter Store on AWS; locally its value '{text}' is used as is (pass an override with the real value).");
        }

        return new ParameterValue(name, text, items);
    }

    private static void Check(string name, string value, bool isNumber, MapNode declaration, SourceLocation at, DiagnosticBag diagnostics)
    {
        if (declaration["AllowedValues"] is ListNode allowed)
        {
            var choices = allowed.Items.OfType<ScalarNode>().Select(s => s.Value).ToList();
            if (!choices.Contains(value))
            {
                diagnostics.Error(at, name, $"Parameter '{name}' value '{value}' is not one of the AllowedValues [{string.Join(", ", choices)}]{Suggestions.DidYouMean(value, choices)}");
            }
        }

        if (declaration["AllowedPattern"] is ScalarNode pattern && !FullMatch(pattern.Value, value))
        {
            var description = (declaration["ConstraintDescription"] as ScalarNode)?.Value;
            diagnostics.Error(at, name, $"Parameter '{name}' value '{value}' does not match AllowedPattern '{pattern.Value}'{(description is null ? "." : $": {description}")}");
        }

        if (Number(declaration, "MinLength") is { } minLength && value.Length < minLength)
        {
            diagnostics.Error(at, name, $"Parameter '{name}' value '{value}' is shorter than MinLength {minLength}.");
        }

        if (Number(declaration, "MaxLength") is { } maxLength && value.Length > maxLength)
        {
            diagnostics.Error(at, name, $"Parameter '{name}' value '{value}' is longer than MaxLength {maxLength}.");
        }

        if (!isNumber)
        {
            return;
        }

        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            diagnostics.Error(at, name, $"Parameter '{name}' value '{value}' is not a number.");
            return;
        }

        if (Number(declaration, "MinValue") is { } min && number < min)
        {
            diagnostics.Error(at, name, $"Parameter '{name}' value {value} is less than MinValue {min}.");
        }

        if (Number(declaration, "MaxValue") is { } max && number > max)
        {
            diagnostics.Error(at, name, $"Parameter '{name}' value {value} is greater than MaxValue {max}.");
        }
    }

    private static bool FullMatch(string pattern, string value)
    {
        try
        {
            return Regex.IsMatch(value, $"^(?:{pattern})$", RegexOptions.None, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException)
        {
            return true; // An invalid pattern is AWS's to reject; locally it constrains nothing.
        }
    }

    private static double? Number(MapNode declaration, string key) =>
        declaration[key] is ScalarNode scalar && double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) ? n : null;
}
