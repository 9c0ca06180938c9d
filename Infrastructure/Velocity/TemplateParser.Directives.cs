namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Directive headers: #set(...), #if(...), #foreach(... in ...), and directive names.</summary>
internal sealed partial class TemplateParser
{
    private SetNode ParseSet(int position)
    {
        ExpectOpenParen("#set");
        SkipWhitespace();
        if (_pos >= _end || _source[_pos] != '$' || !TryParseReference(inExpression: true, out var target))
        {
            throw _map.Error(_pos, "#set expects a $reference on the left of '='");
        }

        _pos += target!.SourceText.Length;
        SkipWhitespace();
        Expect('=', "'=' in #set");
        var value = ParseExpression();
        SkipWhitespace();
        Expect(')', "')' closing #set");
        return new SetNode(position, target, value);
    }

    private Expr ParseCondition(int position, string directive)
    {
        ExpectOpenParen(directive);
        var condition = ParseExpression();
        SkipWhitespace();
        if (_pos >= _end || _source[_pos] != ')')
        {
            throw _map.Error(_pos < _end ? _pos : position, $"expected ')' closing {directive}");
        }

        _pos++;
        return condition;
    }

    private (ReferenceExpr Item, Expr Source) ParseForeachHeader(int position)
    {
        ExpectOpenParen("#foreach");
        SkipWhitespace();
        if (_pos >= _end || _source[_pos] != '$' || !TryParseReference(inExpression: true, out var item) || item!.HasSegments)
        {
            throw _map.Error(_pos < _end ? _pos : position, "#foreach expects a $variable");
        }

        _pos += item.SourceText.Length;
        SkipWhitespace();
        if (!MatchWord("in"))
        {
            throw _map.Error(_pos, "expected 'in' in #foreach");
        }

        var source = ParseExpression();
        SkipWhitespace();
        Expect(')', "')' closing #foreach");
        return (item, source);
    }

    /// <summary>Reads "name" or "{name}" after '#'; returns "" (and leaves the position) when there is none.</summary>
    private string ReadDirectiveName()
    {
        var p = _pos + 1;
        var braced = p < _end && _source[p] == '{';
        if (braced)
        {
            p++;
        }

        var start = p;
        while (p < _end && char.IsAsciiLetter(_source[p]))
        {
            p++;
        }

        var name = _source[start..p];
        if (braced)
        {
            if (p >= _end || _source[p] != '}')
            {
                return string.Empty;
            }

            p++;
        }
        else if (p < _end && (char.IsAsciiDigit(_source[p]) || _source[p] == '_'))
        {
            // "#ends_with" or "#end1" is not #end.
            return string.Empty;
        }

        if (name is "set" or "if" or "elseif" or "else" or "end" or "foreach" or "break" or "stop"
            or "macro" or "define" or "parse" or "include" or "evaluate" or "literal")
        {
            _pos = p;
            return name;
        }

        return string.Empty;
    }

    private void ExpectOpenParen(string directive)
    {
        SkipSpaces();
        if (_pos >= _end || _source[_pos] != '(')
        {
            throw _map.Error(Math.Min(_pos, _end), $"expected '(' after {directive}");
        }

        _pos++;
    }

    private void SkipOptionalArguments()
    {
        var p = _pos;
        while (p < _end && _source[p] is ' ' or '\t')
        {
            p++;
        }

        if (p < _end && _source[p] == '(')
        {
            var close = _source.IndexOf(')', p, _end - p);
            _pos = close < 0 ? throw _map.Error(p, "unclosed '('") : close + 1;
        }
    }
}
