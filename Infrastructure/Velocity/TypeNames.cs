namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Java-flavoured type names for error messages.</summary>
internal static class TypeNames
{
    public static string Of(object? value) => value switch
    {
        null => "null",
        string => "String",
        long or int => "Integer",
        double => "Double",
        bool => "Boolean",
        List<object?> => "List",
        IVelocityMap => "Map",
        MapEntry => "Map.Entry",
        ForeachState => "$foreach",
        InputObject => "$input",
        UtilObject => "$util",
        _ => value.GetType().Name,
    };
}
