// Baseline "ceiling": the least a fan-out server can do — a bare `ws` server that keeps room membership and forwards
// each published frame, unparsed beyond its header line, to the room. No framework, no protocol, no persistence.
//   node [--expose-gc] bench/baselines/ceiling.mjs --port 5203   (--expose-gc: GET /heap answers the live heap bytes)
// Frames (text): "join <room>" joins; "pub <room> <payload>" sends "<payload>" to every member of <room>.
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { liveHeapBytes } from './heap.mjs';
import { WebSocketServer } from 'ws';

const { values: options } = parseArgs({ options: { port: { type: 'string', default: '5203' } } });

const rooms = new Map(); // room -> Set<WebSocket>
const http = createServer((request, response) => {
  if (request.url === '/heap' && globalThis.gc) return response.writeHead(200).end(String(liveHeapBytes()));
  response.writeHead(request.url === '/health' ? 200 : 404).end();
});
const server = new WebSocketServer({ server: http });

server.on('connection', (socket) => {
  const joined = new Set();
  socket.on('message', (data) => {
    const frame = data.toString();
    const [verb, room] = frame.split(' ', 2);
    if (verb === 'join') {
      if (!rooms.has(room)) rooms.set(room, new Set());
      rooms.get(room).add(socket);
      joined.add(room);
      socket.send('joined');
    } else if (verb === 'pub') {
      const payload = frame.slice(verb.length + room.length + 2);
      for (const member of rooms.get(room) ?? []) member.send(payload);
    }
  });
  socket.on('close', () => {
    for (const room of joined) rooms.get(room)?.delete(socket);
  });
});

http.listen(Number(options.port), '127.0.0.1', () => console.log(`ceiling listening on 127.0.0.1:${options.port}`));
