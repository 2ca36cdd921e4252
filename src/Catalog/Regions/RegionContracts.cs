namespace OrleansRides.Catalog.Regions;

/// <summary>A point as submitted; nullable so that a missing value is a validation error naming the field.</summary>
/// <param name="Lat">Latitude, degrees −90..90 (WGS 84).</param>
/// <param name="Lng">Longitude, degrees −180..180.</param>
public sealed record GeoPointInput(double? Lat, double? Lng);

/// <summary>A bounding box as submitted, degrees; <paramref name="South"/> ≤ <paramref name="North"/>. West may exceed
/// east for a box across the antimeridian.</summary>
/// <param name="South">Southern edge, latitude.</param>
/// <param name="West">Western edge, longitude.</param>
/// <param name="North">Northern edge, latitude.</param>
/// <param name="East">Eastern edge, longitude.</param>
public sealed record BoundsInput(double? South, double? West, double? North, double? East);

/// <summary><c>POST /api/v1/regions</c> and <c>PUT /api/v1/regions/{id}</c> body (PUT replaces the whole region).</summary>
/// <param name="Name">1–100 characters, one line.</param>
/// <param name="Slug">Optional <c>^[a-z0-9-]+$</c>, at most 60; derived from the name when absent (<see cref="Slugs.From"/>).</param>
/// <param name="TimeZone">IANA zone id known to NodaTime's TZDB, such as <c>Europe/Berlin</c>.</param>
/// <param name="Center">The map's centre.</param>
/// <param name="Bounds">Optional bounding box for the map.</param>
public sealed record RegionRequest(string? Name, string? Slug, string? TimeZone, GeoPointInput? Center, BoundsInput? Bounds);

/// <summary>A stored point, degrees.</summary>
/// <param name="Lat">Latitude.</param>
/// <param name="Lng">Longitude.</param>
public sealed record GeoPoint(double Lat, double Lng);

/// <summary>A stored bounding box, degrees.</summary>
/// <param name="South">Southern edge.</param>
/// <param name="West">Western edge.</param>
/// <param name="North">Northern edge.</param>
/// <param name="East">Eastern edge.</param>
public sealed record Bounds(double South, double West, double North, double East);

/// <summary>A region: <c>{ id, name, slug, timeZone, center: { lat, lng }, bounds | null }</c>.</summary>
/// <param name="Id">Region id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Slug">URL slug, unique among regions.</param>
/// <param name="TimeZone">IANA zone id its local times are in.</param>
/// <param name="Center">Map centre.</param>
/// <param name="Bounds">Map bounding box, or null.</param>
public sealed record Region(Guid Id, string Name, string Slug, string TimeZone, GeoPoint Center, Bounds? Bounds);
