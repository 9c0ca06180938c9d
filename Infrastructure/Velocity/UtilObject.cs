using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>$util: escapeJavaScript, parseJson, urlEncode, urlDecode, base64Encode, base64Decode.</summary>
internal sealed class UtilObject
{
    public static readonly UtilObject Instance = new();

    private UtilObject()
    {
    }

    public static bool TryInvoke(MethodId method, ReadOnlySpan<object?> args, out object? result)
    {
        result = null;
        if (args.Length != 1)
        {
            return false;
        }

        var text = args[0] is null ? null : JavaFormat.ToJavaString(args[0]!);
        switch (method)
        {
            case MethodId.EscapeJavaScript:
                result = text is null ? null : JavaScriptEscaper.Escape(text);
                return true;
            case MethodId.ParseJson:
                result = text is null ? null : JsonValues.Parse(text);
                return true;
            case MethodId.UrlEncode:
                result = text is null ? null : UrlCodec.Encode(text);
                return true;
            case MethodId.UrlDecode:
                result = text is null ? null : UrlCodec.Decode(text);
                return true;
            case MethodId.Base64Encode:
                result = text is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(text));
                return true;
            case MethodId.Base64Decode:
                result = text is null ? null : Base64Decode(text);
                return true;
            default:
                return false;
        }
    }

    private static string Base64Decode(string text)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(text));
        }
        catch (FormatException e)
        {
            throw new TemplateError("base64Decode: input is not valid base64", e);
        }
    }
}
