using System.Globalization;
using Google.Protobuf;
using Google.Protobuf.Collections;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Common;
using WebSocketAspire.AppHost.Dashboard.Otlp.Proto.Resource;
using WebSocketAspire.AppHost.Dashboard.Telemetry;

namespace WebSocketAspire.AppHost.Dashboard.Otlp;

/// <summary>Pure conversions of OTLP primitives (ids, times, attribute values) into dashboard text.</summary>
internal static class OtlpValues
{
    /// <summary>Used when a resource does not say which service it is, as the OpenTelemetry SDKs do.</summary>
    public const string UnknownService = "unknown_service";

    public static string ServiceName(Resource? resource)
    {
        if (resource is not null)
        {
            foreach (var attribute in resource.Attributes)
            {
                if (attribute.Key == "service.name" && attribute.Value is { } value)
                {
                    var name = Format(value);
                    if (name.Length > 0)
                    {
                        return name;
                    }
                }
            }
        }
        return UnknownService;
    }

    /// <summary>Lower-case hex, as W3C traceparent spells ids; null when the id is absent or all zero.</summary>
    public static string? Id(ByteString bytes)
    {
        if (bytes.IsEmpty)
        {
            return null;
        }
        var span = bytes.Span;
        return span.ContainsAnyExcept((byte)0) ? Convert.ToHexStringLower(span) : null;
    }

    public static DateTimeOffset Time(ulong unixNanoseconds)
    {
        // 100 ns ticks are DateTimeOffset's resolution; the remainder is dropped.
        var ticks = (long)Math.Min(unixNanoseconds / 100, (ulong)(DateTimeOffset.MaxValue.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks));
        return DateTimeOffset.UnixEpoch.AddTicks(ticks);
    }

    public static IReadOnlyList<TelemetryAttribute> Attributes(RepeatedField<KeyValue> attributes)
    {
        if (attributes.Count == 0)
        {
            return [];
        }
        var result = new TelemetryAttribute[attributes.Count];
        for (var i = 0; i < attributes.Count; i++)
        {
            result[i] = new TelemetryAttribute(attributes[i].Key, attributes[i].Value is { } value ? Format(value) : "");
        }
        return result;
    }

    /// <summary>Renders any OTLP value as display text; arrays and maps in a JSON-like form.</summary>
    public static string Format(AnyValue value) => value.ValueCase switch
    {
        AnyValue.ValueOneofCase.StringValue => value.StringValue,
        AnyValue.ValueOneofCase.BoolValue => value.BoolValue ? "true" : "false",
        AnyValue.ValueOneofCase.IntValue => value.IntValue.ToString(CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.DoubleValue => value.DoubleValue.ToString("R", CultureInfo.InvariantCulture),
        AnyValue.ValueOneofCase.BytesValue => Convert.ToBase64String(value.BytesValue.Span),
        AnyValue.ValueOneofCase.ArrayValue => "[" + string.Join(", ", value.ArrayValue.Values.Select(Format)) + "]",
        AnyValue.ValueOneofCase.KvlistValue => "{" + string.Join(", ", value.KvlistValue.Values.Select(kv => kv.Key + ": " + (kv.Value is { } v ? Format(v) : ""))) + "}",
        _ => "",
    };
}
