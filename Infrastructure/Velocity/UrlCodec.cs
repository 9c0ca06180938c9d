using System.Text;

namespace WebSocketAspire.Infrastructure.Velocity;

/// <summary>java.net.URLEncoder / URLDecoder in UTF-8: form encoding, space as '+', and a-z A-Z 0-9 . - * _ left alone.</summary>
internal static class UrlCodec
{
    private const string Hex = "0123456789ABCDEF";

    /// <summary>Java replaces an unpaired surrogate with '?' before encoding.</summary>
    private static readonly Encoding Utf8 = Encoding.GetEncoding("utf-8", new EncoderReplacementFallback("?"), DecoderFallback.ReplacementFallback);

    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length + 8);
        Span<byte> bytes = stackalloc byte[8];
        for (var i = 0; i < value.Length; i++)
        {
            if ((i & 1023) == 0)
            {
                Limits.CheckLength(builder.Length);
            }

            var c = value[i];
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]) ? 2 : 1;
                var count = Utf8.GetBytes(value.AsSpan(i, length), bytes);
                i += length - 1;
                for (var b = 0; b < count; b++)
                {
                    builder.Append('%').Append(Hex[bytes[b] >> 4]).Append(Hex[bytes[b] & 0xF]);
                }
            }
        }

        Limits.CheckLength(builder.Length);
        return builder.ToString();
    }

    public static string Decode(string value)
    {
        var builder = new StringBuilder(value.Length);
        var bytes = new List<byte>();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%')
            {
                bytes.Clear();
                while (i < value.Length && value[i] == '%')
                {
                    if (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2]))
                    {
                        throw new TemplateError($"urlDecode: illegal hex characters in escape (%) pattern at index {i}");
                    }

                    bytes.Add((byte)((HexValue(value[i + 1]) << 4) | HexValue(value[i + 2])));
                    i += 3;
                }

                builder.Append(Encoding.UTF8.GetString(bytes.ToArray()));
                i--;
            }
            else
            {
                builder.Append(c == '+' ? ' ' : c);
            }
        }

        return builder.ToString();
    }

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
