// Shared browser helpers: the map, the hub connection, safe text output and GPX reading.
/* global L, signalR */

/** Reads /api/v1/client-config (tile settings). */
export async function clientConfig() {
  const response = await fetch('/api/v1/client-config');
  return (await response.json()).data;
}

/** A Leaflet map; with an empty tile URL it still shows trail and markers on a plain background. */
export async function createMap(element) {
  const config = await clientConfig();
  const map = L.map(element, { zoomControl: true }).setView([48.7758, 9.1829], 13);
  if (config.tileUrl) {
    L.tileLayer(config.tileUrl, { maxZoom: 19, attribution: config.tileAttribution }).addTo(map);
  }
  L.control.scale({ metric: true, imperial: false }).addTo(map);
  return map;
}

export const leaderIcon = () => L.divIcon({ className: 'leader-marker', iconSize: [18, 18] });

/** Connects to /hubs/ride with automatic reconnects. */
export async function connectRideHub() {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl('/hubs/ride')
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  await connection.start();
  return connection;
}

/** Sets text (never HTML) of the element with this id. */
export function setText(id, text) {
  document.getElementById(id).textContent = text;
}

/** Shows an error message as text. */
export function showError(error) {
  const box = document.getElementById('error');
  box.textContent = String(error?.message ?? error);
  box.classList.remove('hidden');
}

export const param = (name) => new URLSearchParams(location.search).get(name);

/** Reads GPX track points (or route points) with the browser's XML parser. */
export function parseGpx(text) {
  const xml = new DOMParser().parseFromString(text, 'application/xml');
  let nodes = [...xml.getElementsByTagName('trkpt')];
  if (nodes.length === 0) nodes = [...xml.getElementsByTagName('rtept')];
  return nodes.map((node) => {
    const time = node.getElementsByTagName('time')[0]?.textContent;
    return { lat: Number(node.getAttribute('lat')), lng: Number(node.getAttribute('lon')), time: time ? new Date(time) : null };
  });
}

/** "12 s ago" for a UTC timestamp. */
export function ago(timestamp) {
  const seconds = Math.max(0, Math.round((Date.now() - new Date(timestamp).getTime()) / 1000));
  return seconds < 90 ? `${seconds} s ago` : `${Math.round(seconds / 60)} min ago`;
}
