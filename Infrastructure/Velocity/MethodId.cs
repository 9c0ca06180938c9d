namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>Methods templates may call, resolved from their names once at parse time.</summary>
internal enum MethodId
{
    Unknown,

    // java.lang.String
    ReplaceAll,
    ReplaceFirst,
    Replace,
    Substring,
    Length,
    IndexOf,
    LastIndexOf,
    Contains,
    StartsWith,
    EndsWith,
    ToLowerCase,
    ToUpperCase,
    Trim,
    Split,
    EqualsIgnoreCase,
    Matches,
    CharAt,
    Concat,

    // java.lang.Object
    ToString,
    Equals,
    HashCode,

    // java.util.List, java.util.Map, Map.Entry
    Get,
    Size,
    IsEmpty,
    KeySet,
    Values,
    EntrySet,
    ContainsKey,
    ContainsValue,
    Put,
    Add,
    Remove,
    GetKey,
    GetValue,

    // $foreach
    GetIndex,
    GetCount,
    HasNext,
    IsFirst,
    IsLast,
    GetParent,

    // $input
    GetBody,
    Json,
    Path,
    Params,

    // $util
    EscapeJavaScript,
    ParseJson,
    UrlEncode,
    UrlDecode,
    Base64Encode,
    Base64Decode,
}
