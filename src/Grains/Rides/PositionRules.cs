using OrleansRides.GrainInterfaces.Rides;

namespace OrleansRides.Grains.Rides;

/// <summary>Validates a leader's position. Ranges: WGS 84 degrees; accuracy up to 100 km (coarse network fixes report
/// several km); speed up to 150 m/s (540 km/h, well beyond any bicycle, to reject garbage rather than fast rides).</summary>
public static class PositionRules
{
    private const double MaxAccuracyMetres = 100_000;
    private const double MaxSpeedMetresPerSecond = 150;

    /// <summary>Returns why <paramref name="input"/> is invalid, or null when it is valid.</summary>
    public static string? Validate(PositionInput input, DateTimeOffset now, TimeSpan maxFutureSkew) => input switch
    {
        { Lat: null } => "lat is required",
        { Lng: null } => "lng is required",
        { Lat: var lat } when !double.IsFinite(lat.Value) || lat < -90 || lat > 90 => "lat must be between -90 and 90 degrees",
        { Lng: var lng } when !double.IsFinite(lng.Value) || lng < -180 || lng > 180 => "lng must be between -180 and 180 degrees",
        { Accuracy: { } accuracy } when !double.IsFinite(accuracy) || accuracy < 0 || accuracy > MaxAccuracyMetres =>
            "accuracy must be between 0 and 100000 metres",
        { Heading: { } heading } when !double.IsFinite(heading) || heading < 0 || heading > 360 => "heading must be between 0 and 360 degrees",
        { Speed: { } speed } when !double.IsFinite(speed) || speed < 0 || speed > MaxSpeedMetresPerSecond =>
            "speed must be between 0 and 150 m/s",
        { Timestamp: { } timestamp } when timestamp > now + maxFutureSkew => "timestamp is too far in the future",
        _ => null,
    };
}
