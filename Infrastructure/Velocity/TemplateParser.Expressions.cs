using System.Globalization;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Expressions inside directives and arguments: literals, references, operators, lists, maps and ranges.</summary>
internal sealed partial class TemplateParser
{
    private Expr ParseExpression()
    {
        Enter(_pos);
        var expression = ParseOr();
        _depth--;
        return expression;
    }

    private Expr ParseOr()
    {
        var left = ParseAnd();
        while (true)
        {
            var position = SkipWhitespaceAndMark();
            if (!MatchSymbol("||") && !MatchWord("or"))
            {
                return left;
            }

            left = new BinaryExpr(position, BinaryOperator.Or, left, ParseAnd());
        }
    }

    private Expr ParseAnd()
    {
        var left = ParseEquality();
        while (true)
        {
            var position = SkipWhitespaceAndMark();
            if (!MatchSymbol("&&") && !MatchWord("and"))
            {
                return left;
            }

            left = new BinaryExpr(position, BinaryOperator.And, left, ParseEquality());
        }
    }

    private Expr ParseEquality()
    {
        var left = ParseRelational();
        while (true)
        {
            var position = SkipWhitespaceAndMark();
            BinaryOperator op;
            if (MatchSymbol("==") || MatchWord("eq"))
            {
                op = BinaryOperator.Equal;
            }
            else if (MatchSymbol("!=") || MatchWord("ne"))
            {
                op = BinaryOperator.NotEqual;
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(position, op, left, ParseRelational());
        }
    }

    private Expr ParseRelational()
    {
        var left = ParseAdditive();
        while (true)
        {
            var position = SkipWhitespaceAndMark();
            BinaryOperator op;
            if (MatchSymbol("<=") || MatchWord("le"))
            {
                op = BinaryOperator.LessOrEqual;
            }
            else if (MatchSymbol(">=") || MatchWord("ge"))
            {
                op = BinaryOperator.GreaterOrEqual;
            }
            else if (MatchSymbol("<") || MatchWord("lt"))
            {
                op = BinaryOperator.Less;
            }
            else if (MatchSymbol(">") || MatchWord("gt"))
            {
                op = BinaryOperator.Greater;
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(position, op, left, ParseAdditive());
        }
    }

    private Expr ParseAdditive()
    {
        var left = ParseMultiplicative();
        while (true)
        {
            var position = SkipWhitespaceAndMark();
            BinaryOperator op;
            if (MatchSymbol("+"))
            {
                op = BinaryOperator.Add;
            }
            else if (MatchSymbol("-"))
            {
                op = BinaryOperator.Subtract;
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(position, op, left, ParseMultiplicative());
        }
    }

    private Expr ParseMultiplicative()
    {
        var left = ParseUnary();
        while (true)
        {
            var position = SkipWhitespaceAndMark();
            BinaryOperator op;
            if (MatchSymbol("*"))
            {
                op = BinaryOperator.Multiply;
            }
            else if (MatchSymbol("/"))
            {
                op = BinaryOperator.Divide;
            }
            else if (MatchSymbol("%"))
            {
                op = BinaryOperator.Modulo;
            }
            else
            {
                return left;
            }

            left = new BinaryExpr(position, op, left, ParseUnary());
        }
    }

    private Expr ParseUnary()
    {
        var position = SkipWhitespaceAndMark();
        Enter(position);
        Expr result;
        if ((_pos + 1 >= _end || _source[_pos + 1] != '=') && MatchSymbol("!"))
        {
            result = new NotExpr(position, ParseUnary());
        }
        else if (MatchWord("not"))
        {
            result = new NotExpr(position, ParseUnary());
        }
        else if (_pos < _end && _source[_pos] == '-' && !(_pos + 1 < _end && char.IsAsciiDigit(_source[_pos + 1])))
        {
            _pos++;
            result = new NegateExpr(position, ParseUnary());
        }
        else
        {
            result = ParsePrimary();
        }

        _depth--;
        return result;
    }

    private Expr ParsePrimary()
    {
        var position = SkipWhitespaceAndMark();
        if (_pos >= _end)
        {
            throw _map.Error(Math.Max(_end - 1, 0), "unexpected end of template in expression");
        }

        var c = _source[_pos];
        switch (c)
        {
            case '$':
                if (!TryParseReference(inExpression: true, out var reference))
                {
                    throw _map.Error(position, "expected a reference after '$'");
                }

                _pos += reference!.SourceText.Length;
                return reference;
            case '"' or '\'':
                return ParseString(c);
            case '[':
                return ParseListOrRange();
            case '{':
                return ParseMap();
            case '(':
                _pos++;
                var inner = ParseExpression();
                SkipWhitespace();
                Expect(')', "')'");
                return inner;
            case '-':
            case >= '0' and <= '9':
                return ParseNumber();
            default:
                break;
        }

        if (MatchWord("true"))
        {
            return new LiteralExpr(position, JavaOperators.True);
        }

        if (MatchWord("false"))
        {
            return new LiteralExpr(position, JavaOperators.False);
        }

        if (MatchWord("null"))
        {
            return new LiteralExpr(position, null);
        }

        throw _map.Error(position, $"unexpected '{c}' in expression");
    }

    private LiteralExpr ParseNumber()
    {
        var start = _pos;
        if (_source[_pos] == '-')
        {
            _pos++;
        }

        while (_pos < _end && char.IsAsciiDigit(_source[_pos]))
        {
            _pos++;
        }

        var isDecimal = false;
        if (_pos + 1 < _end && _source[_pos] == '.' && char.IsAsciiDigit(_source[_pos + 1]))
        {
            isDecimal = true;
            _pos++;
            while (_pos < _end && char.IsAsciiDigit(_source[_pos]))
            {
                _pos++;
            }
        }

        var text = _source.AsSpan(start, _pos - start);
        if (isDecimal)
        {
            return new LiteralExpr(start, double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            throw _map.Error(start, $"integer literal '{text}' out of range");
        }

        return new LiteralExpr(start, value);
    }

    /// <summary>
    /// String literals have no backslash escapes (Velocity: "\\'" is three characters); a doubled quote stands for one.
    /// Double-quoted strings with '$' or '#' are parsed as templates and rendered on each evaluation.
    /// </summary>
    private Expr ParseString(char quote)
    {
        var start = _pos;
        var p = _pos + 1;
        var doubled = false;
        while (true)
        {
            if (p >= _end)
            {
                throw _map.Error(start, "unclosed string literal");
            }

            if (_source[p] == quote)
            {
                if (p + 1 < _end && _source[p + 1] == quote)
                {
                    doubled = true;
                    p += 2;
                    continue;
                }

                break;
            }

            p++;
        }

        _pos = p + 1;
        var contentStart = start + 1;
        var content = _source[contentStart..p];
        if (doubled)
        {
            content = content.Replace(new string(quote, 2), quote.ToString(), StringComparison.Ordinal);
        }

        if (quote == '\'' || content.AsSpan().IndexOfAny('$', '#') < 0)
        {
            return new LiteralExpr(start, content);
        }

        // Parse in place so error positions stay true; a literal with doubled quotes is parsed from its unescaped copy.
        var parser = doubled
            ? new TemplateParser(content, 0, content.Length, _map, _slots, _depth)
            : new TemplateParser(_source, contentStart, p, _map, _slots, _depth);
        var parts = parser.ParseBlock(out var end, out _, out var endPosition);
        if (end != BlockEnd.EndOfInput)
        {
            throw _map.Error(doubled ? start : endPosition, "#else, #elseif or #end without a matching directive in a string literal");
        }

        return parts.Length == 1 && parts[0] is TextNode text
            ? new LiteralExpr(start, text.Text)
            : new InterpolatedStringExpr(start, parts);
    }

    private Expr ParseListOrRange()
    {
        var start = _pos;
        _pos++;
        Enter(start);
        SkipWhitespace();
        if (_pos < _end && _source[_pos] == ']')
        {
            _pos++;
            _depth--;
            return new ListExpr(start, []);
        }

        var first = ParseExpression();
        SkipWhitespace();
        if (MatchSymbol(".."))
        {
            var last = ParseExpression();
            SkipWhitespace();
            Expect(']', "']' closing a range");
            _depth--;
            return new RangeExpr(start, first, last);
        }

        var items = new List<Expr> { first };
        while (_pos < _end && _source[_pos] == ',')
        {
            _pos++;
            items.Add(ParseExpression());
            SkipWhitespace();
        }

        Expect(']', "']' closing a list");
        _depth--;
        return new ListExpr(start, [.. items]);
    }

    private MapExpr ParseMap()
    {
        var start = _pos;
        _pos++;
        Enter(start);
        var keys = new List<Expr>();
        var values = new List<Expr>();
        SkipWhitespace();
        if (_pos < _end && _source[_pos] == '}')
        {
            _pos++;
        }
        else
        {
            while (true)
            {
                keys.Add(ParseExpression());
                SkipWhitespace();
                Expect(':', "':' in a map literal");
                values.Add(ParseExpression());
                SkipWhitespace();
                if (_pos < _end && _source[_pos] == ',')
                {
                    _pos++;
                    continue;
                }

                Expect('}', "'}' closing a map literal");
                break;
            }
        }

        _depth--;
        return new MapExpr(start, [.. keys], [.. values]);
    }

    private void SkipWhitespace()
    {
        while (_pos < _end && char.IsWhiteSpace(_source[_pos]))
        {
            _pos++;
        }
    }

    private void SkipSpaces()
    {
        while (_pos < _end && _source[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private int SkipWhitespaceAndMark()
    {
        SkipWhitespace();
        return _pos;
    }

    private bool MatchSymbol(string symbol)
    {
        if (_pos + symbol.Length <= _end && string.CompareOrdinal(_source, _pos, symbol, 0, symbol.Length) == 0)
        {
            _pos += symbol.Length;
            return true;
        }

        return false;
    }

    private bool MatchWord(string word)
    {
        SkipWhitespace();
        var after = _pos + word.Length;
        if (after <= _end
            && string.CompareOrdinal(_source, _pos, word, 0, word.Length) == 0
            && (after == _end || !IsIdentifierPart(_source[after])))
        {
            _pos = after;
            return true;
        }

        return false;
    }

    private void Expect(char c, string what)
    {
        if (_pos >= _end || _source[_pos] != c)
        {
            throw _map.Error(Math.Min(_pos, Math.Max(_end - 1, 0)), $"expected {what}");
        }

        _pos++;
    }
}
