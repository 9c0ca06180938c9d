namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>#foreach($item in $items) over lists, map values and ranges, with $foreach and #break.</summary>
internal sealed class ForeachNode : Node
{
    private readonly int _itemSlot;
    private readonly int _foreachSlot;
    private readonly Expr _source;
    private readonly Node[] _body;

    public ForeachNode(int position, int itemSlot, int foreachSlot, Expr source, Node[] body)
        : base(position)
    {
        _itemSlot = itemSlot;
        _foreachSlot = foreachSlot;
        _source = source;
        _body = body;
    }

    public override void Render(RenderContext context)
    {
        var items = _source.Evaluate(context) switch
        {
            List<object?> list => list,
            IVelocityMap map => CollectionMethods.Values(map),
            _ => null,
        };
        if (items is null || items.Count == 0)
        {
            return;
        }

        var slots = context.Slots;
        var savedItem = slots[_itemSlot];
        var savedForeach = slots[_foreachSlot];
        var state = new ForeachState(savedForeach as ForeachState, items.Count);
        slots[_foreachSlot] = state;
        for (var index = 0; index < items.Count && index < state.Total; index++)
        {
            context.Position = Position;
            if (index >= Limits.MaxLoopIterations)
            {
                throw new TemplateError($"#foreach exceeded {Limits.MaxLoopIterations} iterations");
            }

            if (++context.TotalIterations > Limits.MaxTotalIterations)
            {
                throw new TemplateError($"more than {Limits.MaxTotalIterations} loop iterations in one render");
            }

            context.Tick();
            state.Index = index;
            slots[_itemSlot] = items[index];
            RenderBlock(_body, context);
            if (context.Halted)
            {
                context.BreakRequested = false;
                break;
            }
        }

        slots[_itemSlot] = savedItem;
        slots[_foreachSlot] = savedForeach;
    }
}
