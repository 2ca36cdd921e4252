// Shared browser helpers for the chat pages: the REST API with tokens, sign-in, hub connections and message rendering.
// Message text is always set with textContent: chat is plain text and never rendered as HTML.
/* global signalR */
import { showError } from './common.js';
import { retrying } from './retry.js';

const TOKEN_KEY = 'orleansrides.token';

/** Calls the REST API; resolves with the body's `data`, rejects with the problem's code and title. Reads (GET) that
 * meet a briefly unavailable server (503 SERVICE_UNAVAILABLE) are retried with backoff. `headers` are added as they are
 * (the catalog's `X-Leader-Key`). */
export async function api(method, path, body, token = storedToken(), headers = {}) {
  const once = () => apiOnce(method, path, body, token, headers);
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
    throw new Error(`${payload.code ?? response.status}: ${payload.title ?? response.statusText}${fields}`);
  }
  return payload.data;
}

/** The signed-in token kept for this browser tab, if any. */
export const storedToken = () => sessionStorage.getItem(TOKEN_KEY);
export const storeToken = (token) => (token ? sessionStorage.setItem(TOKEN_KEY, token) : sessionStorage.removeItem(TOKEN_KEY));

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
    storeToken(result.accessToken);
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
  const user = storedToken() ? await api('GET', '/api/v1/auth/me').catch(() => null) : null;
  if (!user) storeToken(null);
  await show(user);
}

/** Opens /hubs/{hub} with the token, reconnecting automatically. */
export async function connectHub(hub, token) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(`/hubs/${hub}`, { accessTokenFactory: () => token })
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
