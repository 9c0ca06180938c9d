namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Maps variable names to array slots at parse time, so renders index an array instead of hashing names.</summary>
internal sealed class SlotTable
{
    public const int Context = 0;
    public const int Input = 1;
    public const int Util = 2;
    public const int StageVariables = 3;

    private readonly Dictionary<string, int> _slots = new(StringComparer.Ordinal)
    {
        ["context"] = Context,
        ["input"] = Input,
        ["util"] = Util,
        ["stageVariables"] = StageVariables,
    };

    public int Count => _slots.Count;

    public int this[string name]
    {
        get
        {
            if (!_slots.TryGetValue(name, out var slot))
            {
                slot = _slots.Count;
                _slots[name] = slot;
            }

            return slot;
        }
    }
}
