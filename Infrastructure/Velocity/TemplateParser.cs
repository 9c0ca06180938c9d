using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>
/// Hand-written parser for the VTL subset API Gateway uses. It compiles text, references and directives into a node tree once;
/// rendering never re-reads the source. Velocity 1.7's rule for whitespace applies: a line holding only a directive emits nothing.
/// </summary>
internal sealed partial class TemplateParser
{
    private readonly string _source;
    private readonly int _end;
    private readonly int _start;
    private readonly SourceMap _map;
    private readonly SlotTable _slots;
    private int _pos;
    private int _depth;

    private TemplateParser(string source, int start, int end, SourceMap map, SlotTable slots, int depth)
    {
        _source = source;
        _start = start;
        _pos = start;
        _end = end;
        _map = map;
        _slots = slots;
        _depth = depth;
    }

    private enum BlockEnd
    {
        EndOfInput,
        End,
        Else,
        ElseIf,
    }

    public static Node[] Parse(string source, SourceMap map, SlotTable slots)
    {
        var parser = new TemplateParser(source, 0, source.Length, map, slots, 0);
        var nodes = parser.ParseBlock(out var end, out _, out var endPosition);
        if (end != BlockEnd.EndOfInput)
        {
            throw map.Error(endPosition, $"#{end.ToString().ToLowerInvariant()} without a matching #if or #foreach");
        }

        return nodes;
    }

    private Node[] ParseBlock(out BlockEnd end, out Expr? elseIfCondition, out int endPosition)
    {
        Enter(_pos);
        var nodes = new List<Node>();
        var text = new StringBuilder();
        var textStart = _pos;
        elseIfCondition = null;
        end = BlockEnd.EndOfInput;
        endPosition = _end;

        void Flush()
        {
            if (text.Length > 0)
            {
                nodes.Add(new TextNode(textStart, text.ToString()));
                text.Clear();
            }

            textStart = _pos;
        }

        while (_pos < _end)
        {
            var c = _source[_pos];
            if (c == '\\')
            {
                var run = _pos;
                while (run < _end && _source[run] == '\\')
                {
                    run++;
                }

                var count = run - _pos;
                if (run < _end && _source[run] == '$')
                {
                    var start = _pos;
                    _pos = run;
                    if (TryParseReference(inExpression: false, out var escaped))
                    {
                        _pos = start;
                        Flush();
                        nodes.Add(new EscapedReferenceNode(start, count, escaped!));
                        _pos = run + escaped!.SourceText.Length;
                        continue;
                    }

                    _pos = start;
                }
                else if (count == 1 && run < _end && _source[run] == '#')
                {
                    // "\#if" is the text "#if".
                    text.Append('#');
                    _pos = run + 1;
                    continue;
                }

                text.Append(_source, _pos, count);
                _pos = run;
                continue;
            }

            if (c == '$')
            {
                var start = _pos;
                if (TryParseReference(inExpression: false, out var reference))
                {
                    _pos = start;
                    Flush();
                    _pos = start + reference!.SourceText.Length;
                    nodes.Add(new ReferenceNode(reference));
                    continue;
                }

                text.Append('$');
                _pos++;
                continue;
            }

            if (c != '#' || _pos + 1 >= _end)
            {
                text.Append(c);
                _pos++;
                continue;
            }

            var directiveStart = _pos;
            var next = _source[_pos + 1];
            if (next == '#')
            {
                var lineOnly = OnlyWhitespaceBefore(directiveStart);
                var newline = _source.IndexOf('\n', _pos, _end - _pos);
                _pos = newline < 0 ? _end : newline + 1;
                if (lineOnly)
                {
                    TrimIndent(text);
                }

                continue;
            }

            if (next == '*')
            {
                var close = _source.IndexOf("*#", _pos + 2, _end - _pos - 2, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw _map.Error(directiveStart, "unclosed #* comment");
                }

                _pos = close + 2;
                EatDirectiveLine(directiveStart, text);
                continue;
            }

            if (next == '[' && _pos + 2 < _end && _source[_pos + 2] == '[')
            {
                var close = _source.IndexOf("]]#", _pos + 3, _end - _pos - 3, StringComparison.Ordinal);
                if (close < 0)
                {
                    throw _map.Error(directiveStart, "unclosed #[[ block");
                }

                text.Append(_source, _pos + 3, close - _pos - 3);
                _pos = close + 3;
                continue;
            }

            var name = ReadDirectiveName();
            switch (name)
            {
                case "set":
                    var set = ParseSet(directiveStart);
                    EatDirectiveLine(directiveStart, text);
                    Flush();
                    nodes.Add(set);
                    break;
                case "if":
                    var condition = ParseCondition(directiveStart, "#if");
                    EatDirectiveLine(directiveStart, text);
                    Flush();
                    nodes.Add(ParseIf(directiveStart, condition));
                    textStart = _pos;
                    break;
                case "foreach":
                    var (item, source) = ParseForeachHeader(directiveStart);
                    EatDirectiveLine(directiveStart, text);
                    Flush();
                    nodes.Add(ParseForeach(directiveStart, item, source));
                    textStart = _pos;
                    break;
                case "elseif":
                    elseIfCondition = ParseCondition(directiveStart, "#elseif");
                    EatDirectiveLine(directiveStart, text);
                    Flush();
                    return Finish(nodes, BlockEnd.ElseIf, directiveStart, out end, out endPosition);
                case "else":
                    EatDirectiveLine(directiveStart, text);
                    Flush();
                    return Finish(nodes, BlockEnd.Else, directiveStart, out end, out endPosition);
                case "end":
                    EatDirectiveLine(directiveStart, text);
                    Flush();
                    return Finish(nodes, BlockEnd.End, directiveStart, out end, out endPosition);
                case "break" or "stop":
                    SkipOptionalArguments();
                    EatDirectiveLine(directiveStart, text);
                    Flush();
                    nodes.Add(name == "break" ? new BreakNode(directiveStart) : new StopNode(directiveStart));
                    break;
                case "macro" or "define" or "parse" or "include" or "evaluate" or "literal":
                    throw _map.Error(directiveStart, $"#{name} is not supported in API Gateway mapping templates");
                default:
                    // Not a directive: '#' is plain text (the name, if any, follows as text).
                    _pos = directiveStart + 1;
                    text.Append('#');
                    break;
            }
        }

        Flush();
        return Finish(nodes, BlockEnd.EndOfInput, _end, out end, out endPosition);
    }

    private Node[] Finish(List<Node> nodes, BlockEnd kind, int position, out BlockEnd end, out int endPosition)
    {
        _depth--;
        end = kind;
        endPosition = position;
        return [.. nodes];
    }

    private IfNode ParseIf(int position, Expr condition)
    {
        var conditions = new List<Expr> { condition };
        var branches = new List<Node[]>();
        Node[]? otherwise = null;
        var body = ParseBlock(out var end, out var elseIf, out var endPosition);
        branches.Add(body);
        while (true)
        {
            switch (end)
            {
                case BlockEnd.ElseIf:
                    conditions.Add(elseIf!);
                    branches.Add(ParseBlock(out end, out elseIf, out endPosition));
                    continue;
                case BlockEnd.Else:
                    otherwise = ParseBlock(out end, out _, out endPosition);
                    if (end == BlockEnd.End)
                    {
                        return new IfNode(position, [.. conditions], [.. branches], otherwise);
                    }

                    if (end == BlockEnd.EndOfInput)
                    {
                        throw _map.Error(position, "unclosed #if");
                    }

                    throw _map.Error(endPosition, "#else must be followed by #end");
                case BlockEnd.End:
                    return new IfNode(position, [.. conditions], [.. branches], otherwise);
                default:
                    throw _map.Error(position, "unclosed #if");
            }
        }
    }

    private ForeachNode ParseForeach(int position, ReferenceExpr item, Expr source)
    {
        var body = ParseBlock(out var end, out _, out var endPosition);
        return end switch
        {
            BlockEnd.End => new ForeachNode(position, _slots[item.Name], _slots["foreach"], source, body),
            BlockEnd.EndOfInput => throw _map.Error(position, "unclosed #foreach"),
            _ => throw _map.Error(endPosition, "#else or #elseif inside #foreach without #if"),
        };
    }

    private bool OnlyWhitespaceBefore(int position)
    {
        for (var i = position - 1; i >= _start && _source[i] != '\n'; i--)
        {
            if (_source[i] is not (' ' or '\t' or '\r'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Velocity 1.7: a line holding only a directive (and white space) emits nothing, newline included.</summary>
    private void EatDirectiveLine(int directiveStart, StringBuilder text)
    {
        if (!OnlyWhitespaceBefore(directiveStart))
        {
            return;
        }

        var p = _pos;
        while (p < _end && _source[p] is ' ' or '\t' or '\r')
        {
            p++;
        }

        if (p < _end && _source[p] != '\n')
        {
            return;
        }

        TrimIndent(text);
        _pos = p < _end ? p + 1 : p;
    }

    private static void TrimIndent(StringBuilder text)
    {
        var length = text.Length;
        while (length > 0 && text[length - 1] is ' ' or '\t')
        {
            length--;
        }

        text.Length = length;
    }

    private void Enter(int position)
    {
        if (++_depth > Limits.MaxNesting)
        {
            throw _map.Error(position, $"nested deeper than {Limits.MaxNesting} levels");
        }
    }
}
