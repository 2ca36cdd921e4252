// Hub plumbing for the hostile-input suite: connections with the official client, invocations that may need a raw frame
// (for JSON the client cannot produce, such as 1e999), and raw-frame probes over a plain WebSocket.
import * as signalR from '@microsoft/signalr';
import { BASE_URL, rawHubSocket as sharedRawHubSocket, until } from './support.mjs';
import { ownAddressWebSocket, sourceAddress } from './hostile-support.mjs';

const ANSWER_MS = 10_000;

/** A raw hub socket (support.mjs) from a loopback address of its own. */
export const rawHubSocket = (path, token) => sharedRawHubSocket(path, token, { localAddress: sourceAddress() });

/** A started connection to `path` with the official client (WebSockets, from a loopback address of its own), `token`
 * sent as SignalR sends it. */
export async function connectHub(path, token) {
  const connection = new signalR.HubConnectionBuilder()
    .withUrl(new URL(path, BASE_URL).href, {
      transport: signalR.HttpTransportType.WebSockets, skipNegotiation: true, WebSocket: ownAddressWebSocket(),
      ...(token ? { accessTokenFactory: () => token } : {}),
    })
    .configureLogging(signalR.LogLevel.None)
    .build();
  const closes = [];
  connection.onclose((error) => closes.push(error?.message ?? 'closed'));
  await connection.start();
  return Object.assign(connection, { closes });
}

const roundTrips = (text) => {
  try { return JSON.stringify(JSON.parse(text)) === text; } catch { return false; }
};

/** An attacker: the official client, plus a raw socket for arguments the client cannot send; reconnects after a close. */
export function attacker(path, token) {
  let client = null;
  let raw = null;
  let id = 0;
  const deadline = (promise) => Promise.race([promise, new Promise((resolve) => setTimeout(() => resolve({ hung: true }), ANSWER_MS))]);
  return {
    /** Invokes `method` with `args` (JSON texts); resolves `{ result } | { error } | { closed } | { hung }`. */
    async invoke(method, args) {
      if (args.every(roundTrips)) {
        client ??= await connectHub(path, token);
        const connection = client;
        const outcome = await deadline(connection.invoke(method, ...args.map((a) => JSON.parse(a)))
          .then((result) => ({ result }), (error) => ({ error: error.message })));
        if (connection.state !== signalR.HubConnectionState.Connected) {
          client = null;
          return { closed: true };
        }
        return outcome;
      }
      raw ??= await rawHubSocket(path, token);
      const socket = raw;
      const invocationId = `h${++id}`;
      socket.socket.send(`{"type":1,"invocationId":"${invocationId}","target":${JSON.stringify(method)},"arguments":[${args.join(',')}]}\x1e`);
      const outcome = await rawOutcome(socket, invocationId);
      if (outcome.closed) raw = null;
      return outcome;
    },
    async stop() {
      await client?.stop();
      raw?.socket.close();
    },
  };
}

/** Waits for the completion of `invocationId` on a raw socket, or its close. */
export async function rawOutcome(raw, invocationId) {
  const closed = raw.socket.readyState >= 2;
  if (closed) return { closed: true };
  try {
    await until(() => raw.socket.readyState >= 2 || raw.frames.some((f) => f.type === 3 && f.invocationId === invocationId), `completion ${invocationId}`, ANSWER_MS);
  } catch {
    return { hung: true };
  }
  const completion = raw.frames.find((f) => f.type === 3 && f.invocationId === invocationId);
  if (!completion) return { closed: true };
  return completion.error !== undefined ? { error: completion.error } : { result: completion.result };
}

/** Frames no client library would send, for the first method of a hub: each must close that connection or get coded
 * errors. `binary` sends the bytes as a binary WebSocket message. */
export function rawFrames(method) {
  const target = JSON.stringify(method);
  const invoke = (args) => `{"type":1,"invocationId":"x1","target":${target},"arguments":${args}}\x1e`;
  return [
    { name: 'invalid UTF-8 in a text frame', frame: Buffer.concat([Buffer.from(`{"type":1,"invocationId":"x1","target":${target},"arguments":["`), Buffer.from([0xff, 0xfe]), Buffer.from('"]}\x1e')]) },
    { name: 'invalid UTF-8 in a binary frame', binary: true, frame: Buffer.concat([Buffer.from(`{"type":1,"invocationId":"x1","target":${target},"arguments":["`), Buffer.from([0xc0, 0xaf]), Buffer.from('"]}\x1e')]) },
    { name: 'a UTF-8 encoded surrogate', frame: Buffer.concat([Buffer.from(`{"type":1,"invocationId":"x1","target":${target},"arguments":["`), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from('"]}\x1e')]) },
    { name: 'an escaped lone surrogate', frame: invoke('["a\\ud800b"]') },
    { name: 'truncated JSON', frame: `{"type":1,"invocationId":"x1","target":${target},"arguments":[{\x1e` },
    { name: 'a message over 16 KiB', frame: invoke(JSON.stringify(['x'.repeat(17 * 1024)])) },
    { name: 'an unknown message type', frame: '{"type":99,"invocationId":"x1"}\x1e' },
    { name: 'type as a string', frame: `{"type":"1","invocationId":"x1","target":${target},"arguments":[]}\x1e` },
    { name: 'no target', frame: '{"type":1,"invocationId":"x1","arguments":[]}\x1e' },
    { name: 'target as a number', frame: '{"type":1,"invocationId":"x1","target":7,"arguments":[]}\x1e' },
    { name: 'arguments as an object', frame: invoke('{"0":"a"}') },
    { name: 'arguments null', frame: invoke('null') },
    { name: 'invocationId as an object', frame: `{"type":1,"invocationId":{"a":1},"target":${target},"arguments":[]}\x1e` },
    { name: 'nesting 1,000 deep', frame: invoke(`[${'['.repeat(1000)}${']'.repeat(1000)}]`) },
    { name: 'a NaN literal', frame: invoke('[NaN]') },
    { name: '1e999 for every argument', frame: invoke('[1e999,1e999,1e999]') },
    { name: '1,000 arguments', frame: invoke(JSON.stringify(Array.from({ length: 1000 }, () => 1))) },
    { name: 'a stream invocation of a non-stream method', frame: `{"type":4,"invocationId":"x1","target":${target},"arguments":[]}\x1e` },
    { name: 'a cancel of an unknown invocation', frame: '{"type":5,"invocationId":"nope"}\x1e' },
    { name: 'a completion sent by the client', frame: '{"type":3,"invocationId":"nope","result":1}\x1e' },
    { name: 'a stream item for an unknown stream', frame: '{"type":2,"invocationId":"nope","item":1}\x1e' },
    { name: '200 invocations in one write', frame: Array.from({ length: 200 }, (_, i) => `{"type":1,"invocationId":"b${i}","target":"NoSuchMethod","arguments":[]}\x1e`).join('') },
    { name: 'a byte-order mark before the JSON', frame: `\ufeff${invoke('[]')}` },
    { name: 'a close message from the client', frame: '{"type":7,"error":"bye"}\x1e' },
  ];
}
