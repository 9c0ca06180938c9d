using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>
/// The mutable state of one render: variable slots, output, argument stack and limits.
/// One instance is cached per thread and reused, so a render allocates little beyond its result.
/// </summary>
internal sealed class RenderContext
{
    [ThreadStatic]
    private static RenderContext? s_cached;

    private object?[] _arguments = new object?[16];
    private long _startTimestamp;
    private int _operations;

    private RenderContext()
    {
    }

    public object?[] Slots { get; private set; } = new object?[16];

    public StringBuilder Output { get; } = new(1024);

    public InputObject Input { get; } = new();

    public ContextView ContextRoot { get; } = new(EmptyContext, string.Empty);

    public StringMapView StageVariables { get; } = new(EmptyStrings, ignoreCase: false);

    /// <summary>Source offset of the construct being evaluated, for error positions.</summary>
    public int Position { get; set; }

    public int ArgumentTop { get; set; }

    /// <summary>The current argument stack; re-read after evaluating nested calls, which may grow it.</summary>
    public object?[] ArgumentBuffer => _arguments;

    public int TotalIterations { get; set; }

    public bool BreakRequested { get; set; }

    public bool StopRequested { get; set; }

    public bool Halted => BreakRequested || StopRequested;

    private static IReadOnlyDictionary<string, object?> EmptyContext { get; } = ReadOnlyDictionary<string, object?>.Empty;

    private static IReadOnlyDictionary<string, string> EmptyStrings { get; } = ReadOnlyDictionary<string, string>.Empty;

    public static RenderContext Rent(MappingInput input, int slotCount)
    {
        var context = s_cached ?? new RenderContext();
        s_cached = null;
        context.Reset(input, slotCount);
        return context;
    }

    public static void Return(RenderContext context)
    {
        context.Input.Reset(null);
        context.ContextRoot.Reset(EmptyContext);
        context.StageVariables.Reset(EmptyStrings);
        Array.Clear(context.Slots);
        Array.Clear(context._arguments);
        context.Output.Clear();
        if (context.Output.Capacity > 64 * 1024)
        {
            // Do not keep a multi-megabyte buffer alive per thread after one large render.
            context.Output.Capacity = 1024;
        }

        s_cached = context;
    }

    public void Write(string text)
    {
        if (Output.Length + text.Length > Limits.MaxOutputLength)
        {
            throw new TemplateError($"output longer than {Limits.MaxOutputLength} characters");
        }

        Output.Append(text);
    }

    public void WriteValue(object value)
    {
        switch (value)
        {
            case string s:
                Write(s);
                break;
            case long l:
                Output.Append(l);
                break;
            case int i:
                Output.Append(i);
                break;
            case bool b:
                Output.Append(b ? "true" : "false");
                break;
            default:
                Write(JavaFormat.ToJavaString(value));
                break;
        }
    }

    /// <summary>Reserves argument slots for one method call; released with <see cref="ArgumentTop"/>.</summary>
    public object?[] ReserveArguments(int count, out int offset)
    {
        offset = ArgumentTop;
        if (offset + count > _arguments.Length)
        {
            if (_arguments.Length > 4096)
            {
                throw new TemplateError("method calls nested too deeply");
            }

            Array.Resize(ref _arguments, Math.Max(_arguments.Length * 2, offset + count));
        }

        ArgumentTop = offset + count;
        return _arguments;
    }

    /// <summary>Counts expensive operations and fails the render once it runs past its time budget.</summary>
    public void Tick()
    {
        if ((++_operations & 63) == 0 && Stopwatch.GetElapsedTime(_startTimestamp) > Limits.RenderTimeout)
        {
            throw new TemplateError($"render took longer than {Limits.RenderTimeout.TotalSeconds} seconds");
        }
    }

    private void Reset(MappingInput input, int slotCount)
    {
        if (Slots.Length < slotCount)
        {
            Slots = new object?[slotCount];
        }

        Output.Clear();
        ArgumentTop = 0;
        TotalIterations = 0;
        BreakRequested = false;
        StopRequested = false;
        Position = 0;
        _operations = 0;
        _startTimestamp = Stopwatch.GetTimestamp();
        Input.Reset(input);
        ContextRoot.Reset(input.Context);
        StageVariables.Reset(input.StageVariables);
        Slots[SlotTable.Context] = ContextRoot;
        Slots[SlotTable.Input] = Input;
        Slots[SlotTable.Util] = UtilObject.Instance;
        Slots[SlotTable.StageVariables] = StageVariables;
    }
}
