// Reads the points of a GPX 1.0/1.1 file: track points (<trkpt>) or, for planned routes, route points (<rtept>).
import { readFile } from 'node:fs/promises';
import { XMLParser } from 'fast-xml-parser';

const asArray = (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** @returns {Promise<Array<{ lat: number, lng: number, time: Date | null }>>} points in file order */
export async function readGpx(path) {
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', parseAttributeValue: false });
  const gpx = parser.parse(await readFile(path, 'utf8')).gpx ?? {};
  const trackPoints = asArray(gpx.trk).flatMap((trk) => asArray(trk.trkseg).flatMap((seg) => asArray(seg?.trkpt)));
  const points = trackPoints.length > 0 ? trackPoints : asArray(gpx.rte).flatMap((rte) => asArray(rte.rtept));
  return points.map((p) => ({
    lat: Number(p.lat),
    lng: Number(p.lon),
    time: p.time ? new Date(p.time) : null,
  }));
}

/** Great-circle distance in metres (haversine, mean Earth radius 6,371,008.8 m). */
export function distanceMetres(a, b) {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6371008.8 * Math.asin(Math.sqrt(h));
}

/** Initial bearing from a to b in degrees clockwise from north, 0..360. */
export function bearingDegrees(a, b) {
  const rad = Math.PI / 180;
  const y = Math.sin((b.lng - a.lng) * rad) * Math.cos(b.lat * rad);
  const x = Math.cos(a.lat * rad) * Math.sin(b.lat * rad) - Math.sin(a.lat * rad) * Math.cos(b.lat * rad) * Math.cos((b.lng - a.lng) * rad);
  return ((Math.atan2(y, x) / rad) + 360) % 360;
}
