namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>References: $a, ${a}, $!a, $!{a}, with .property, .method(args) and [index] steps.</summary>
internal sealed partial class TemplateParser
{
    /// <summary>
    /// Parses the reference starting at the current '$' without moving the position (the caller advances by its source length).
    /// In text, something that is not a reference ("$5", "${a") returns false and stays text.
    /// </summary>
    private bool TryParseReference(bool inExpression, out ReferenceExpr? reference)
    {
        reference = null;
        var start = _pos;
        var p = _pos + 1;
        var quiet = p < _end && _source[p] == '!';
        if (quiet)
        {
            p++;
        }

        var braced = p < _end && _source[p] == '{';
        if (braced)
        {
            p++;
        }

        if (p >= _end || !IsIdentifierStart(_source[p]))
        {
            return false;
        }

        var nameStart = p;
        while (p < _end && IsIdentifierPart(_source[p]))
        {
            p++;
        }

        var name = _source[nameStart..p];
        var segments = new List<Segment>();
        var saved = _pos;
        _pos = p;
        try
        {
            ParseSegments(segments, inExpression);
            if (braced)
            {
                if (_pos >= _end || _source[_pos] != '}')
                {
                    if (inExpression)
                    {
                        throw _map.Error(start, "expected '}' closing ${");
                    }

                    return false;
                }

                _pos++;
            }

            var text = _source[start.._pos];
            reference = new ReferenceExpr(start, name, _slots[name], [.. segments], quiet, text);
            return true;
        }
        finally
        {
            _pos = saved;
        }
    }

    private void ParseSegments(List<Segment> segments, bool inExpression)
    {
        while (_pos < _end)
        {
            var c = _source[_pos];
            if (c == '.' && _pos + 1 < _end && IsIdentifierStart(_source[_pos + 1]))
            {
                var segmentStart = _pos;
                var p = _pos + 1;
                while (p < _end && IsIdentifierPart(_source[p]))
                {
                    p++;
                }

                var name = _source[(_pos + 1)..p];
                if (p < _end && _source[p] == '(')
                {
                    _pos = p + 1;
                    var args = ParseArguments(')', segmentStart);
                    segments.Add(new MethodSegment(segmentStart, name, args));
                }
                else
                {
                    _pos = p;
                    segments.Add(new PropertySegment(segmentStart, name));
                }
            }
            else if (c == '[')
            {
                var segmentStart = _pos;
                if (inExpression)
                {
                    _pos++;
                    segments.Add(new IndexSegment(segmentStart, ParseIndex()));
                    continue;
                }

                // In text, "$a[" may just be text ("$price[USD]" is not an index): back off on failure.
                try
                {
                    _pos++;
                    segments.Add(new IndexSegment(segmentStart, ParseIndex()));
                }
                catch (VelocityException)
                {
                    _pos = segmentStart;
                    return;
                }
            }
            else
            {
                return;
            }
        }
    }

    private Expr ParseIndex()
    {
        var index = ParseExpression();
        SkipWhitespace();
        Expect(']', "']' closing an index");
        return index;
    }

    private Expr[] ParseArguments(char close, int position)
    {
        Enter(position);
        var args = new List<Expr>();
        SkipWhitespace();
        if (_pos < _end && _source[_pos] == close)
        {
            _pos++;
            _depth--;
            return [];
        }

        while (true)
        {
            args.Add(ParseExpression());
            SkipWhitespace();
            if (_pos < _end && _source[_pos] == ',')
            {
                _pos++;
                continue;
            }

            if (_pos < _end && _source[_pos] == close)
            {
                _pos++;
                _depth--;
                return [.. args];
            }

            throw _map.Error(_pos < _end ? _pos : position, $"expected ',' or '{close}' in argument list");
        }
    }

    private static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c) || c == '_';

    /// <summary>Velocity 1.7 allows '-' inside identifiers: "$a-b" is one reference, "$a - b" a subtraction.</summary>
    private static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '-';
}
