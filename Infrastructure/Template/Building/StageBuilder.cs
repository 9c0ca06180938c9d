using WebSocketAspire.Infrastructure.Template.Model;
using WebSocketAspire.Infrastructure.Template.Resolution;
using WebSocketAspire.Infrastructure.Template.Syntax;

namespace WebSocketAspire.Infrastructure.Template.Building;

/// <summary>Builds the <see cref="StageModel"/>: name, stage variables and route settings.</summary>
internal static class StageBuilder
{
    public static StageModel? Build(ResourceDeclaration resource, BuildContext context)
    {
        var properties = context.Properties(resource);
        var name = properties.RequiredString("StageName");
        var routeSettings = new Dictionary<string, RouteSettingsModel>(StringComparer.Ordinal);
        if (properties.Map("RouteSettings") is { } perRoute)
        {
            foreach (var entry in perRoute.Entries)
            {
                if (entry.Value is MapNode settings)
                {
                    routeSettings[entry.Key] = Settings(new PropertyReader(settings, resource.LogicalId, context.Diagnostics));
                }
                else
                {
                    context.Diagnostics.Error(entry.Value.Location, resource.LogicalId, $"RouteSettings.{entry.Key} must be a mapping.");
                }
            }
        }

        if (name is null)
        {
            return null;
        }

        return new StageModel
        {
            Name = name,
            Variables = properties.StringMap("StageVariables"),
            DefaultRouteSettings = properties.Nested("DefaultRouteSettings") is { } defaults ? Settings(defaults) : null,
            RouteSettings = routeSettings,
        };
    }

    private static RouteSettingsModel Settings(PropertyReader settings)
    {
        var level = settings.String("LoggingLevel");
        if (level is not null and not ("ERROR" or "INFO" or "OFF"))
        {
            settings.Diagnostics.Error(settings.At("LoggingLevel"), settings.LogicalId, $"LoggingLevel '{level}' must be ERROR, INFO or OFF.");
        }

        return new RouteSettingsModel
        {
            ThrottlingRateLimit = settings.Double("ThrottlingRateLimit"),
            ThrottlingBurstLimit = settings.Int("ThrottlingBurstLimit"),
            DataTraceEnabled = settings.Bool("DataTraceEnabled"),
            LoggingLevel = level,
        };
    }
}
