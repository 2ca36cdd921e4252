// Small helpers around the official SignalR JS client for the ride hub, shared by the replay tool and the tests.
import * as signalR from '@microsoft/signalr';
import { bearingDegrees, distanceMetres } from './gpx.mjs';

/** Opens a connection to /hubs/ride (WebSockets only, as browsers on a good network use). */
export async function connectRideHub(baseUrl, { logLevel = signalR.LogLevel.None } = {}) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(new URL('/hubs/ride', baseUrl).href, { transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true })
    .configureLogging(logLevel)
    .build();
  await connection.start();
  return connection;
}

/** The Berlin region every install has (sql/008_catalog.sql): a route needs a region, and tools need not care which. */
export const SEEDED_REGION_ID = '0192f0a0-0000-7000-8000-000000000001';

/** Creates a route through the REST API; returns { id, accessCode, leaderKey, ... }. */
export async function createRoute(baseUrl, { name, waypoints, departureTime = '08:00', regionId = SEEDED_REGION_ID }) {
  const response = await fetch(new URL('/api/v1/routes', baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name, waypoints, departureTime, regionId }),
  });
  const body = await response.json();
  if (response.status !== 201) throw new Error(`route creation failed: ${response.status} ${JSON.stringify(body)}`);
  return body.data;
}

/** The position message for point i of a track: speed and heading derived from its neighbour, timestamp now. */
export function positionAt(points, i) {
  const point = points[i];
  const previous = points[i - 1];
  const message = { lat: point.lat, lng: point.lng, accuracy: 5, timestamp: new Date().toISOString() };
  if (previous) {
    const seconds = previous.time && point.time ? (point.time - previous.time) / 1000 : 0;
    const metres = distanceMetres(previous, point);
    if (seconds > 0) message.speed = Math.min(metres / seconds, 150);
    if (metres > 0.5) message.heading = bearingDegrees(previous, point);
  }
  return message;
}

/** The stable error code at the start of a hub error message ("RIDE_NOT_FOUND: ..."). */
export function errorCode(error) {
  const match = /(?:HubException: )?([A-Z_]{4,}):/.exec(String(error?.message ?? error));
  return match ? match[1] : null;
}
