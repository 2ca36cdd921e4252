// Baseline "legacy": the design OrleansRides replaces, written from its description (not copied): one Node Socket.IO
// server keeping active rides in a process-wide Map, with the legacy events. No persistence, no validation beyond what a
// message needs to be routed: this is what the old server did per message, nothing more.
//   node [--expose-gc] bench/baselines/legacy.mjs --port 5201 [--redis redis://127.0.0.1:6390]   (--expose-gc: GET /heap)
// With --redis, rooms span processes through @socket.io/redis-adapter ("legacy-scaled").
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { liveHeapBytes } from './heap.mjs';
import { Server } from 'socket.io';

const { values: options } = parseArgs({ options: { port: { type: 'string', default: '5201' }, redis: { type: 'string' } } });

const activeRides = new Map(); // accessCode -> { lastPosition, followers: Set<socket id> }
const http = createServer((request, response) => {
  if (request.url === '/heap' && globalThis.gc) return response.writeHead(200).end(String(liveHeapBytes()));
  response.writeHead(request.url === '/health' ? 200 : 404).end();
});
const io = new Server(http, { transports: ['websocket'], serveClient: false });

if (options.redis) {
  const { createClient } = await import('redis');
  const { createAdapter } = await import('@socket.io/redis-adapter');
  const publisher = createClient({ url: options.redis });
  const subscriber = publisher.duplicate();
  await Promise.all([publisher.connect(), subscriber.connect()]);
  io.adapter(createAdapter(publisher, subscriber));
}

io.on('connection', (socket) => {
  socket.on('ride:join', ({ accessCode, role } = {}, ack) => {
    if (typeof accessCode !== 'string') return ack?.({ error: 'accessCode required' });
    const ride = activeRides.get(accessCode) ?? { lastPosition: null, followers: new Set() };
    activeRides.set(accessCode, ride);
    if (role !== 'leader') ride.followers.add(socket.id);
    socket.join(`ride:${accessCode}`);
    io.to(`ride:${accessCode}`).emit('follower:joined', { followerCount: ride.followers.size });
    ack?.({ lastPosition: ride.lastPosition, followerCount: ride.followers.size });
  });

  socket.on('location:update', ({ accessCode, position } = {}) => {
    const ride = activeRides.get(accessCode);
    if (!ride || typeof position?.lat !== 'number' || typeof position?.lng !== 'number') return;
    ride.lastPosition = position;
    io.to(`ride:${accessCode}`).emit('location:updated', position);
  });

  socket.on('join-room', ({ room } = {}, ack) => {
    if (typeof room !== 'string') return ack?.({ error: 'room required' });
    socket.join(`room:${room}`);
    ack?.({ ok: true });
  });

  socket.on('send-message', ({ room, text, sentAt } = {}) => {
    if (typeof room !== 'string' || typeof text !== 'string') return;
    io.to(`room:${room}`).emit('new-message', { room, text, sentAt, senderId: socket.id });
  });

  socket.on('disconnect', () => {
    for (const ride of activeRides.values()) ride.followers.delete(socket.id);
  });
});

http.listen(Number(options.port), '127.0.0.1', () => console.log(`legacy listening on 127.0.0.1:${options.port}${options.redis ? ' with redis adapter' : ''}`));
