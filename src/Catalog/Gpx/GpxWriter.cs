using System.Globalization;
using System.Text;
using System.Xml;

namespace OrleansRides.Catalog.Gpx;

/// <summary>One recorded position of a track.</summary>
/// <param name="Lat">Latitude, degrees (WGS 84).</param>
/// <param name="Lng">Longitude, degrees.</param>
/// <param name="Time">When the fix was taken, UTC.</param>
public sealed record GpxPoint(double Lat, double Lng, DateTime Time);

/// <summary>Writes a track as GPX 1.1 (<see href="https://www.topografix.com/GPX/1/1/">topografix.com/GPX/1/1</see>):
/// <c>gpx/metadata/name</c>, then one <c>trk</c> with one <c>trkseg</c> of <c>trkpt lat lon</c> each with its <c>time</c>
/// (xsd:dateTime in UTC). Read back by <c>tools/gpx.mjs</c> (the replay tool and the benches).</summary>
public static class GpxWriter
{
    /// <summary>The GPX 1.1 namespace.</summary>
    public const string Namespace = "http://www.topografix.com/GPX/1/1";

    /// <summary>The media type of GPX files.</summary>
    public const string ContentType = "application/gpx+xml";

    /// <summary>The document, UTF-8 without byte-order mark.</summary>
    /// <param name="name">The track's name (metadata and <c>trk/name</c>).</param>
    /// <param name="points">The positions, in recording order.</param>
    public static byte[] Write(string name, IEnumerable<GpxPoint> points)
    {
        using var buffer = new MemoryStream();
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true };
        using (var xml = XmlWriter.Create(buffer, settings))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("gpx", Namespace);
            xml.WriteAttributeString("version", "1.1");
            xml.WriteAttributeString("creator", "OrleansRides");
            xml.WriteStartElement("metadata", Namespace);
            xml.WriteElementString("name", Namespace, name);
            xml.WriteEndElement();
            xml.WriteStartElement("trk", Namespace);
            xml.WriteElementString("name", Namespace, name);
            xml.WriteStartElement("trkseg", Namespace);
            foreach (var point in points)
            {
                xml.WriteStartElement("trkpt", Namespace);
                // "R" keeps every bit of the stored double, so the file round-trips exactly.
                xml.WriteAttributeString("lat", point.Lat.ToString("R", CultureInfo.InvariantCulture));
                xml.WriteAttributeString("lon", point.Lng.ToString("R", CultureInfo.InvariantCulture));
                xml.WriteElementString("time", Namespace,
                    DateTime.SpecifyKind(point.Time, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                xml.WriteEndElement();
            }
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
        }
        return buffer.ToArray();
    }
}
