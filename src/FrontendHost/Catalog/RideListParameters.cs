using System.Globalization;
using OrleansRides.Catalog;
using OrleansRides.Catalog.Rides;

namespace OrleansRides.FrontendHost.Catalog;

/// <summary>Parses the query of <c>GET /api/v1/rides</c>, naming each bad parameter (400 <c>VALIDATION_FAILED</c>).</summary>
public static class RideListParameters
{
    /// <summary>Most tag ids one filter may list.</summary>
    public const int MaxTags = 50;

    /// <summary>The query and page, or the errors by parameter name.</summary>
    public static (RideListQuery Query, PageRequest Page, Dictionary<string, string[]> Errors) Parse(
        string? regionId, string? tagIds, string? daysAhead, string? from, string? limit, string? offset)
    {
        var errors = new Dictionary<string, string[]>();
        Guid? region = null;
        if (regionId is not null)
        {
            region = Guid.TryParse(regionId, out var id) ? id : Fail(errors, "regionId", "Not a uuid.", (Guid?)null);
        }
        var tags = new List<Guid>();
        foreach (var tag in (tagIds ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Guid.TryParse(tag, out var id))
            {
                Fail(errors, "tagIds", "A comma-separated list of uuids.", 0);
                break;
            }
            tags.Add(id);
        }
        if (tags.Count > MaxTags)
        {
            Fail(errors, "tagIds", $"At most {MaxTags} tags.", 0);
        }
        var days = Integer(errors, "daysAhead", daysAhead, 30, 1, 366);
        var size = Integer(errors, "limit", limit, 20, 1, 100);
        var skip = Integer(errors, "offset", offset, 0, 0, 1_000_000);
        DateOnly? fromDate = null;
        DateTimeOffset? fromInstant = null;
        if (from is not null)
        {
            if (LocalDates.Parse(from) is { } date)
            {
                fromDate = date;
            }
            else if (from.Contains('T', StringComparison.Ordinal)
                     && DateTimeOffset.TryParse(from, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
                     && instant.Year is >= 2000 and <= 2100)
            {
                fromInstant = instant.ToUniversalTime();
            }
            else
            {
                Fail(errors, "from", "A date yyyy-MM-dd or an ISO 8601 instant, years 2000–2100.", 0);
            }
        }
        return (new RideListQuery(region, tags, fromDate, fromInstant, days), new PageRequest(size, skip), errors);
    }

    private static int Integer(Dictionary<string, string[]> errors, string name, string? value, int fallback, int min, int max)
    {
        if (value is null)
        {
            return fallback;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max
            ? parsed
            : Fail(errors, name, $"An integer from {min} to {max}.", fallback);
    }

    private static T Fail<T>(Dictionary<string, string[]> errors, string name, string message, T fallback)
    {
        errors[name] = [message];
        return fallback;
    }
}
