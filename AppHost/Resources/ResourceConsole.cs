namespace WebSocketAspire.AppHost.Resources;

/// <summary>The console all resources share: every line is prefixed with the resource's name.</summary>
internal sealed class ResourceConsole
{
    private static readonly ConsoleColor[] Palette = [ConsoleColor.Cyan, ConsoleColor.Magenta, ConsoleColor.Yellow, ConsoleColor.Green, ConsoleColor.Blue, ConsoleColor.DarkCyan];
    private readonly Lock _gate = new();
    private readonly TextWriter _out;
    private readonly bool _color;
    private readonly Dictionary<string, ConsoleColor> _colors = new(StringComparer.Ordinal);

    public ResourceConsole(TextWriter output, bool color)
    {
        _out = output;
        _color = color;
    }

    /// <summary>Raised for every line written, so tests and the dashboard can follow a resource's output.</summary>
    public event Action<string, string>? LineWritten;

    public void WriteLine(string resource, string line)
    {
        lock (_gate)
        {
            if (_color)
            {
                if (!_colors.TryGetValue(resource, out var color))
                {
                    color = Palette[_colors.Count % Palette.Length];
                    _colors[resource] = color;
                }
                Console.ForegroundColor = color;
                _out.Write(resource.PadRight(20));
                Console.ResetColor();
                _out.Write(" | ");
                _out.WriteLine(line);
            }
            else
            {
                _out.WriteLine($"{resource,-20} | {line}");
            }
        }
        LineWritten?.Invoke(resource, line);
    }
}
