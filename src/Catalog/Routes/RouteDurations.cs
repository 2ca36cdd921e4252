using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace OrleansRides.Catalog.Routes;

/// <summary>A route's estimated duration (decision 66): whole minutes from 1 to <see cref="MaxMinutes"/> (48 h, so that an
/// overnight tour of 25 h fits), given as a JSON integer (<c>1500</c>) or an ISO 8601 duration string (<c>"PT25H"</c>,
/// <c>"PT1H30M"</c>, <c>"P1DT2H"</c>; NodaTime's <see cref="PeriodPattern.NormalizingIso"/>, a day taken as 24 h).
/// Years and months (no fixed length), fractions of a minute and negative values are refused.</summary>
public static class RouteDurations
{
    /// <summary>Longest duration accepted: 2,880 minutes (48 h).</summary>
    public const int MaxMinutes = 2880;

    /// <summary>The duration in minutes, or null with <paramref name="problem"/> saying why not.</summary>
    public static int? Parse(JsonElement value, out string? problem)
    {
        problem = null;
        int? minutes = value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetInt32(out var whole) ? whole : null,
            JsonValueKind.String => FromIso(value.GetString()),
            _ => null,
        };
        if (minutes is not (>= 1 and <= MaxMinutes))
        {
            problem = $"Use whole minutes 1 to {MaxMinutes} (a JSON integer) or an ISO 8601 duration such as \"PT1H30M\".";
            return null;
        }
        return minutes;
    }

    /// <summary>Whether <paramref name="value"/> is a valid duration (absent is valid: the field is optional).</summary>
    public static bool IsValid(JsonElement? value) => value is not { } given || Parse(given, out _) is not null;

    private static int? FromIso(string? text)
    {
        if (text is null || text.Length > 40)
        {
            return null;
        }
        var parsed = PeriodPattern.NormalizingIso.Parse(text);
        if (!parsed.Success || parsed.Value is not { Years: 0, Months: 0 } period)
        {
            return null;
        }
        var duration = period.ToDuration();
        if (duration < Duration.Zero || duration > Duration.FromMinutes(MaxMinutes) || duration.SubsecondNanoseconds != 0
            || (long)duration.TotalSeconds % 60 != 0)
        {
            return null;
        }
        return (int)duration.TotalMinutes;
    }
}
