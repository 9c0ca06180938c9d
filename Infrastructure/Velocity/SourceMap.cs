namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Turns character offsets into 1-based line and column numbers for error messages.</summary>
internal sealed class SourceMap
{
    private readonly int[] _lineStarts;

    public SourceMap(string name, string source)
    {
        Name = name;
        var starts = new List<int> { 0 };
        for (var i = 0; i < source.Length; i++)
        {
            if (source[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
    }

    public string Name { get; }

    public (int Line, int Column) Locate(int offset)
    {
        var index = Array.BinarySearch(_lineStarts, offset);
        if (index < 0)
        {
            index = ~index - 1;
        }

        index = Math.Max(index, 0);
        return (index + 1, offset - _lineStarts[index] + 1);
    }

    public VelocityException Error(int offset, string what, Exception? inner = null)
    {
        var (line, column) = Locate(offset);
        return new VelocityException(Name, line, column, what, inner);
    }
}
