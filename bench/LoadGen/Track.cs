using System.Globalization;
using System.Xml;

namespace OrleansRides.LoadGen;

/// <summary>The recorded track the leaders replay: the GPX file's track points in order (degrees).</summary>
internal static class Track
{
    /// <summary>Reads every <c>trkpt</c>'s lat/lon; throws <see cref="InvalidDataException"/> when there is none.</summary>
    public static IReadOnlyList<(double Lat, double Lng)> Read(string gpxPath)
    {
        var document = new XmlDocument();
        document.Load(gpxPath);
        var points = new List<(double, double)>();
        foreach (XmlElement point in document.GetElementsByTagName("trkpt"))
        {
            points.Add((double.Parse(point.GetAttribute("lat"), CultureInfo.InvariantCulture),
                double.Parse(point.GetAttribute("lon"), CultureInfo.InvariantCulture)));
        }
        return points.Count > 0 ? points : throw new InvalidDataException($"{gpxPath}: no track points");
    }
}
