// Small helpers around the official SignalR JS client for the chat and studio hubs and the account API, shared by the
// tests and the load generator.
import * as signalR from '@microsoft/signalr';

async function postJson(baseUrl, path, body, token) {
  const response = await fetch(new URL(path, baseUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Error(`POST ${path} failed: ${response.status} ${text}`);
  return parsed?.data;
}

/** Opens an anonymous live-chat session: { sessionId, displayName, token, expiresAt }. */
export const createChatSession = (baseUrl, displayName) => postJson(baseUrl, '/api/v1/livechat/session', { displayName });

/** Signs up a member: { accessToken, expiresAt, user }. */
export const signUp = (baseUrl, { email, password, name }) => postJson(baseUrl, '/api/v1/auth/signup', { email, password, name });

/** Logs in: { accessToken, expiresAt, user }. */
export const logIn = (baseUrl, email, password) => postJson(baseUrl, '/api/v1/auth/login', { email, password });

/** Sends a song request: the stored request. */
export const requestSong = (baseUrl, request, token) => postJson(baseUrl, '/api/v1/services/song_request', request, token);

/** Opens /hubs/chat or /hubs/studio with a token (WebSockets only; the token travels as the access_token query). */
export async function connectHub(baseUrl, hub, token, { logLevel = signalR.LogLevel.None } = {}) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(new URL(`/hubs/${hub}`, baseUrl).href, {
      transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, accessTokenFactory: () => token,
    })
    .configureLogging(logLevel)
    .build();
  await connection.start();
  return connection;
}
