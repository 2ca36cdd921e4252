// Shared browser helpers for the chat pages: the REST API with tokens, sign-in, hub connections and message rendering.
// Message text is always set with textContent: chat is plain text and never rendered as HTML.
/* global signalR */
import { showError } from './common.js';
import { retrying } from './retry.js';

// A bare access token (one without a refresh token, as tests and older pages store it), kept per tab.
const TOKEN_KEY = 'orleansrides.token';
// The sign-in that lasts: { accessToken, expiresAt, refreshToken, refreshTokenExpiresAt, sessionId, user }. In localStorage,
// so that a sign-in outlives the tab and a browser restart and is shared by the tabs of one browser (decision 117).
const AUTH_KEY = 'orleansrides.auth';
// The Web Locks name under which one tab at a time presents the refresh token: two tabs never present one token twice
// (which the server takes for theft and answers by ending the session).
const REFRESH_LOCK = 'orleansrides.refresh';
// Refresh this long before the access token expires (15 minutes after issue by default).
const REFRESH_AHEAD_MS = 60_000;

const readAuth = () => {
  try { return JSON.parse(localStorage.getItem(AUTH_KEY) ?? 'null'); } catch { return null; }
};
// When the access token expires by this browser's clock: its lifetime (exp − iat of the JWT) from when it arrived, since
// the browser's clock may differ from the server's by minutes (the server's expiresAt read locally would then refresh
// too late, or at once and in a loop).
const localExpiry = (accessToken, expiresAt) => {
  try {
    const claims = JSON.parse(atob(accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')));
    return Date.now() + (claims.exp - claims.iat) * 1000;
  } catch {
    return Date.parse(expiresAt);
  }
};
const expiresSoon = (auth) => (auth.localExpiresAt ?? Date.parse(auth.expiresAt)) - Date.now() <= REFRESH_AHEAD_MS;
let signedOutHandler = () => {};

/** Calls the REST API; resolves with the body's `data`, rejects with the problem's code and title. Reads (GET) that
 * meet a briefly unavailable server (503 SERVICE_UNAVAILABLE) are retried with backoff. `headers` are added as they are
 * (the catalog's `X-Leader-Key`). A call with the signed-in account's token that is answered 401 refreshes the token
 * and is tried once more. */
export async function api(method, path, body, token = storedToken(), headers = {}) {
  const once = async () => {
    try {
      return await apiOnce(method, path, body, token, headers);
    } catch (error) {
      if (error.status !== 401 || !token || token !== readAuth()?.accessToken) throw error;
      const fresh = await refreshAccessToken(token);
      if (!fresh) throw error;
      return apiOnce(method, path, body, fresh, headers);
    }
  };
  return method === 'GET' ? retrying(once) : once();
}

async function apiOnce(method, path, body, token, headers) {
  const response = await fetch(path, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  });
  if (response.status === 204) return null;
  const payload = await response.json().catch(() => ({}));
  if (!response.ok) {
    const fields = payload.errors ? ` (${Object.entries(payload.errors).map(([f, m]) => `${f}: ${m.join(' ')}`).join('; ')})` : '';
    const error = new Error(`${payload.code ?? response.status}: ${payload.title ?? response.statusText}${fields}`);
    error.status = response.status;
    throw error;
  }
  return payload.data;
}

/** The signed-in access token of this browser (or a bare one kept for this tab), if any. */
export const storedToken = () => readAuth()?.accessToken ?? sessionStorage.getItem(TOKEN_KEY);

/** The sign-in session id of this browser (what GET /api/v1/auth/sessions marks current), if any. */
export const storedSessionId = () => readAuth()?.sessionId ?? null;

/** Keeps a bare access token for this tab; `null` signs this browser out (the lasting sign-in is forgotten too). */
export const storeToken = (token) => {
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
    return;
  }
  sessionStorage.removeItem(TOKEN_KEY);
  localStorage.removeItem(AUTH_KEY);
  scheduleRefresh();
};

/** Keeps what signup, login and refresh answer, and schedules the next silent refresh. */
export function storeSignIn(result) {
  const { accessToken, expiresAt, refreshToken, refreshTokenExpiresAt, sessionId, user } = result;
  const localExpiresAt = localExpiry(accessToken, expiresAt);
  localStorage.setItem(AUTH_KEY, JSON.stringify({ accessToken, expiresAt, localExpiresAt, refreshToken, refreshTokenExpiresAt, sessionId, user }));
  sessionStorage.removeItem(TOKEN_KEY);
  scheduleRefresh();
}

/** Trades the refresh token for a new access token, one tab at a time; resolves with the new access token, or `null` when
 * the sign-in is over (then this browser is signed out). `staleToken` is the access token the caller found wanting: when
 * another tab has replaced it meanwhile, that newer token is the answer and nothing is presented. */
export function refreshAccessToken(staleToken = storedToken()) {
  const run = async () => {
    const auth = readAuth();
    if (!auth?.refreshToken) return null;
    if (auth.accessToken !== staleToken && !expiresSoon(auth)) return auth.accessToken;
    const response = await fetch('/api/v1/auth/refresh', {
      method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ refreshToken: auth.refreshToken }),
    });
    const payload = await response.json().catch(() => ({}));
    if (response.ok) {
      storeSignIn(payload.data);
      return payload.data.accessToken;
    }
    if (response.status === 401 || response.status === 403 || response.status === 400) {
      // Expired, signed out elsewhere, reused or deactivated: this sign-in is over.
      storeToken(null);
      signedOutHandler();
      return null;
    }
    // Rate-limited or the server is away: keep the tokens and try again shortly.
    setTimeout(() => scheduleRefresh(), 30_000);
    throw new Error(`${payload.code ?? response.status}: ${payload.title ?? response.statusText}`);
  };
  return navigator.locks ? navigator.locks.request(REFRESH_LOCK, run) : run();
}

let refreshTimer = null;
/** Arms the timer of the next silent refresh: about a minute before the stored access token expires. */
function scheduleRefresh() {
  clearTimeout(refreshTimer);
  const auth = readAuth();
  if (!auth?.refreshToken) return;
  const due = Math.max(0, (auth.localExpiresAt ?? Date.parse(auth.expiresAt)) - Date.now() - REFRESH_AHEAD_MS);
  const token = auth.accessToken;
  refreshTimer = setTimeout(() => refreshAccessToken(token).catch(() => {}), due);
}
// Another tab refreshed or signed out: follow its token.
window.addEventListener('storage', (event) => event.key === AUTH_KEY && scheduleRefresh());
scheduleRefresh();

// Constant markup, no user data in it.
const SIGN_IN_FORM = `
  <p>Signed in as <b id="who">…</b> <button type="button" class="secondary hidden" id="logout">Log out</button></p>
  <form id="auth-form" class="row hidden">
    <div><label for="email">Email</label><input id="email" type="email" autocomplete="username" required></div>
    <div><label for="password">Password (8+ characters)</label><input id="password" type="password" autocomplete="current-password" required></div>
    <div><label for="name">Name (sign-up)</label><input id="name" maxlength="40" autocomplete="nickname"></div>
    <div class="end"><button type="button" id="login">Log in</button> <button type="button" class="secondary" id="signup">Sign up</button></div>
  </form>`;

/** Fills the #auth element with a sign-in box and calls onUser(user) when someone is signed in, onUser(null) when
 * signed out. */
export async function setUpSignIn(onUser) {
  const $ = (id) => document.getElementById(id);
  $('auth').innerHTML = SIGN_IN_FORM;
  // The form is never sent as a form (its buttons call the API): a listener instead of the inline onsubmit it had,
  // which the coming CSP would refuse.
  $('auth-form').addEventListener('submit', (event) => event.preventDefault());
  const signedIn = async (result) => {
    storeSignIn(result);
    await show(result.user);
  };
  const show = async (user) => {
    $('who').textContent = user ? `${user.name} (${user.role})` : 'not signed in';
    $('auth-form').classList.toggle('hidden', Boolean(user));
    $('logout').classList.toggle('hidden', !user);
    await onUser(user);
  };
  const credentials = () => ({ email: $('email').value, password: $('password').value, name: $('name').value || $('email').value.split('@')[0] });
  $('login').addEventListener('click', () => api('POST', '/api/v1/auth/login', credentials(), null).then(signedIn).catch(showError));
  $('signup').addEventListener('click', () => api('POST', '/api/v1/auth/signup', credentials(), null).then(signedIn).catch(showError));
  $('logout').addEventListener('click', async () => {
    await api('POST', '/api/v1/auth/logout').catch(() => {});
    storeToken(null);
    await show(null);
  });
  // A sign-in that ended in a refresh (signed out on another device, expired) shows the form again.
  signedOutHandler = () => show(null).catch(showError);
  // A stored access token that expired while the browser was closed is refreshed by the retry after its 401.
  const user = storedToken() ? await api('GET', '/api/v1/auth/me').catch(() => null) : null;
  if (!user) storeToken(null);
  await show(user);
}

/** Opens /hubs/{hub} with the token, reconnecting automatically. With the signed-in account's token, every connect and
 * reconnect asks for the current access token (refreshed first when it is about to expire): the server closes a hub
 * connection when the token it was opened with expires, and the automatic reconnect then opens it with a fresh one. */
export async function connectHub(hub, token) {
  const account = Boolean(token) && token === readAuth()?.accessToken;
  const currentToken = async () => {
    const auth = readAuth();
    if (!account || !auth) return token;
    return expiresSoon(auth) ? (await refreshAccessToken(auth.accessToken).catch(() => null)) ?? auth.accessToken : auth.accessToken;
  };
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`/hubs/${hub}`, { accessTokenFactory: currentToken })
    .withAutomaticReconnect()
    .configureLogging(signalR.LogLevel.Warning)
    .build();
  await connection.start();
  return connection;
}

/** A chat view over a list element: appends messages in seq order, removes moderated ones, marks flagged ones.
 * `actions(message)` may return buttons to show beside each message. */
export function chatView(list, actions = () => []) {
  const items = new Map();
  const add = (message) => {
    if (items.has(message.id)) return;
    const item = document.createElement('li');
    item.dataset.seq = message.seq;
    const who = document.createElement('b');
    who.textContent = message.senderName;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = ` ${message.text}`;
    const time = document.createElement('time');
    time.textContent = new Date(message.sentAt).toLocaleTimeString();
    item.append(time, ' ', who, text, ...actions(message));
    items.set(message.id, item);
    const later = [...list.children].find((other) => Number(other.dataset.seq) > message.seq);
    list.insertBefore(item, later ?? null);
    item.scrollIntoView({ block: 'nearest' });
  };
  return {
    reset(history) {
      list.replaceChildren();
      items.clear();
      history.forEach(add);
    },
    add,
    moderated({ messageId, action }) {
      const item = items.get(messageId);
      if (!item) return;
      if (action === 'flag') item.classList.add('flagged');
      else item.remove();
    },
  };
}

/** Joins a room over a chat connection and keeps a chat view in step with it; returns a send(text) function. */
export async function joinRoom(connection, room, view, onPresence) {
  connection.on('newMessage', (message) => message.room === room && view.add(message));
  connection.on('messageModerated', (event) => event.room === room && view.moderated(event));
  for (const event of ['userJoined', 'userLeft']) connection.on(event, (e) => e.room === room && onPresence(e.presenceCount));
  connection.on('presenceCount', (e) => e.room === room && onPresence(e.count));
  const join = async () => {
    const snapshot = await retrying(() => connection.invoke('JoinRoom', { room }));
    view.reset(snapshot.history);
    onPresence(snapshot.presenceCount);
    return snapshot;
  };
  connection.onreconnected(() => join().catch(showError));
  const snapshot = await join();
  // One client id per message, kept across retries: the room stores a retried send once.
  const send = (text) => {
    const clientMessageId = crypto.randomUUID();
    return retrying(() => connection.invoke('SendMessage', { room, text, clientMessageId }));
  };
  return { snapshot, send };
}
