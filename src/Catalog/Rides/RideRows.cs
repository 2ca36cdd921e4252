using System.Globalization;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using OrleansRides.Catalog.Regions;
using OrleansRides.Catalog.Routes;

namespace OrleansRides.Catalog.Rides;

/// <summary>A ride with its route and region as <see cref="RideQueries.Select"/> reads it; <see cref="AccessCode"/> is only
/// shown while the ride is live.</summary>
public sealed record RideRow(
    Guid Id, Guid RouteId, DateTime LocalDate, DateTime StartTime, DateTime EndTime, string Status, string? CancelReason,
    bool HasTrack, Guid? TrackId, int InterestCount, string RouteName, string? Neighborhood, string DepartureTime,
    int? EstimatedDurationMinutes, bool IsRecurring, string RouteStatus, string AccessCode, Guid RegionId, string RegionName,
    string RegionSlug, string TimeZone, string Tags, double StartLat, double StartLng)
{
    private static readonly LocalDateTimePattern LocalStartPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    /// <summary>The API view, with <paramref name="live"/> when the ride's grain says it is being led.</summary>
    public RideView ToView(LiveRideInfo? live, bool? created = null)
    {
        var start = DateTime.SpecifyKind(StartTime, DateTimeKind.Utc);
        var zone = RideTimes.Zone(TimeZone);
        var localStart = zone is null ? "" : LocalStartPattern.Format(Instant.FromDateTimeUtc(start).InZone(zone).LocalDateTime);
        return new RideView(
            Id, RouteId,
            new RouteSummary(RouteId, RouteName, Neighborhood, new RegionSummary(RegionId, RegionName, RegionSlug, TimeZone),
                RouteSummaries.Tags(Tags), DepartureTime, EstimatedDurationMinutes, IsRecurring, RouteStatus,
                new GeoPoint(StartLat, StartLng)),
            LocalDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), localStart, TimeZone, start,
            DateTime.SpecifyKind(EndTime, DateTimeKind.Utc), Status, CancelReason, InterestCount, live, HasTrack, created);
    }
}

/// <summary>A route as scheduling needs it: where and when it departs, and who manages it.</summary>
/// <param name="Id">Route id.</param>
/// <param name="AccessCode">Its access code (the key of its ride grain).</param>
/// <param name="TimeZone">Its region's IANA zone, or null when it has no region.</param>
/// <param name="DepartureTime">Local departure.</param>
/// <param name="EstimatedDurationMinutes">Minutes, or null.</param>
/// <param name="CreatorId">The member who made it, or null.</param>
/// <param name="LeaderKeyHash">SHA-256 of its leader key.</param>
/// <param name="Status">Its review status: pending, approved, rejected or archived (no new rides once archived).</param>
public sealed record ScheduleRoute(
    Guid Id, string AccessCode, string? TimeZone, TimeOnly DepartureTime, int? EstimatedDurationMinutes, Guid? CreatorId,
    byte[] LeaderKeyHash, string Status);
