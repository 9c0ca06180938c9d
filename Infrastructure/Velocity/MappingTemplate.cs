using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>An API Gateway mapping template (Velocity/VTL), parsed once and rendered per message.</summary>
public sealed class MappingTemplate
{
    private readonly Node[] _nodes;
    private readonly SourceMap _map;
    private readonly int _slotCount;

    private MappingTemplate(string name, Node[] nodes, SourceMap map, int slotCount)
    {
        Name = name;
        _nodes = nodes;
        _map = map;
        _slotCount = slotCount;
    }

    public string Name { get; }

    /// <summary>Parses a template; throws <see cref="VelocityException"/> with the line and column of the problem.</summary>
    public static MappingTemplate Parse(string source, string name)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(name);
        var map = new SourceMap(name, source);
        // The quota is in bytes; checking characters first avoids counting bytes of a huge string.
        if (source.Length > Limits.MaxTemplateLength || Encoding.UTF8.GetByteCount(source) > Limits.MaxTemplateLength)
        {
            throw new VelocityException(name, 1, 1, $"template is larger than the {Limits.MaxTemplateLength}-byte limit");
        }

        try
        {
            var slots = new SlotTable();
            var nodes = TemplateParser.Parse(source, map, slots);
            return new MappingTemplate(name, nodes, map, slots.Count);
        }
        catch (TemplateError e)
        {
            throw map.Error(0, e.Message, e);
        }
        catch (Exception e) when (e is not (VelocityException or OutOfMemoryException))
        {
            throw map.Error(0, $"internal error: {e.Message}", e);
        }
    }

    /// <summary>Renders the template against one request; throws <see cref="VelocityException"/> on any failure.</summary>
    public string Render(MappingInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var context = RenderContext.Rent(input, _slotCount);
        try
        {
            Node.RenderBlock(_nodes, context);
            return context.Output.ToString();
        }
        catch (TemplateError e)
        {
            throw _map.Error(context.Position, e.Message, e);
        }
        catch (Exception e) when (e is not (VelocityException or OutOfMemoryException))
        {
            // A bug of ours on an odd input must still surface as a template failure, not take the gateway down.
            throw _map.Error(context.Position, $"internal error: {e.Message}", e);
        }
        finally
        {
            RenderContext.Return(context);
        }
    }
}
