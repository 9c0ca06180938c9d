using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Velocity;

namespace WebSocketAspire.Infrastructure.Gateway;

/// <summary>
/// Every request and response mapping template of the API, parsed once at start-up. A template
/// that does not parse is kept as its error, reported on the requests that would use it.
/// </summary>
internal sealed class MappingTemplates
{
    private readonly Dictionary<(string Owner, string Key), Entry> _templates = [];

    public MappingTemplates(WebSocketApiModel api)
    {
        ArgumentNullException.ThrowIfNull(api);
        foreach (var integration in api.Integrations.Values)
        {
            foreach (var (key, source) in integration.RequestTemplates)
            {
                Add(integration.LogicalId, key, source);
            }
            foreach (var response in integration.Responses)
            {
                foreach (var (key, source) in response.ResponseTemplates)
                {
                    Add(response.LogicalId, key, source);
                }
            }
        }
    }

    /// <summary>Templates that failed to parse, for the start-up report.</summary>
    public IEnumerable<VelocityException> Errors => _templates.Values.Where(e => e.Error is not null).Select(e => e.Error!);

    /// <summary>The parsed template, or null when <paramref name="owner"/> has no template under <paramref name="key"/>. Throws the parse error of a broken one.</summary>
    public MappingTemplate? Find(string owner, string key)
    {
        if (!_templates.TryGetValue((owner, key), out var entry))
        {
            return null;
        }
        return entry.Template ?? throw entry.Error!;
    }

    private void Add(string owner, string key, string source)
    {
        var name = $"{owner} template '{key}'";
        try
        {
            _templates[(owner, key)] = new Entry(MappingTemplate.Parse(source, name), null);
        }
        catch (VelocityException e)
        {
            _templates[(owner, key)] = new Entry(null, e);
        }
    }

    private sealed record Entry(MappingTemplate? Template, VelocityException? Error);
}
