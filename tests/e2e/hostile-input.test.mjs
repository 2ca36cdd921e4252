// The hostile-input suite (issue 8): every REST operation of /openapi/v1.json and every hub method of
// /api/v1/hubs/contract.json gets wrong types, missing and extra fields, boundary and non-finite numbers, oversize strings
// and arrays, control and invisible characters, invalid UTF-8, injection-shaped text, unknown ids and wrong roles (see
// hostile-cases.mjs). Every answer must be a typed 4xx or a coded hub error, never a 5xx, INTERNAL_ERROR or someone else's
// dropped connection, and the server must log no error meanwhile. Each failure line names the operation, the case and the
// answer, so a failing run reads as a to-do list.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { randomUUID } from 'node:crypto';
import { BASE_URL, newRoute, nextEvent } from './support.mjs';
import { hubMethods, restOperations } from './hostile-cases.mjs';
import { attacker, connectHub, rawFrames, rawHubSocket, rawOutcome } from './hostile-hubs.mjs';
import { admission, excerpt, forgedTokens, hubVerdict, pool, restVerdict, send, serverLog, sessions } from './hostile-support.mjs';

const log = await serverLog();
const openapi = await (await fetch(`${BASE_URL}/openapi/v1.json`)).json();
const contract = (await (await fetch(`${BASE_URL}/api/v1/hubs/contract.json`)).json()).data;
const route = await newRoute('hostile input');
// Lounges of its own (radio rooms other than radio/live do not exist), so no other suite sees the noise: one for the chat
// hub, one whose settings and a message of which the REST cases moderate.
const lounge = async (name) => {
  const { member } = await sessions();
  const answer = await send({ method: 'POST', path: '/api/v1/lounges', token: member, contentType: 'application/json',
    body: JSON.stringify({ name, description: 'where the hostile-input suite plays' }) });
  if (!answer.json?.data?.room) throw new Error(`lounge creation failed: ${answer.status} ${excerpt(answer.text)}`);
  return answer.json.data;
};
const hubRoom = (await lounge('hostile-input hub lounge')).room;
const restLounge = await lounge('hostile-input REST lounge');
const restMessage = await (async () => {
  const staff = await joined(await connectHub('/hubs/chat', (await sessions()).staff), 'JoinRoom', { room: restLounge.room });
  try {
    return await staff.invoke('SendMessage', { room: restLounge.room, text: 'moderate me', clientMessageId: randomUUID() });
  } finally {
    await staff.stop();
  }
})();
const restContext = { accessCode: route.accessCode, room: restLounge.room, roomKind: 'lounge', roomName: restLounge.id, messageId: restMessage.id };
const contexts = { '/hubs/ride': { accessCode: route.accessCode, leaderKey: route.leaderKey, role: 'leader' }, '/hubs/chat': { room: hubRoom } };

const report = (failures) => assert.equal(failures.length, 0, `${failures.length} failing case(s):\n  ${failures.join('\n  ')}`);

describe('REST operations, generated from /openapi/v1.json', () => {
  for (const op of restOperations(openapi, restContext)) {
    test(`${op.operation} (${op.cases.length} cases, plus roles)`, async () => {
      const tokens = await sessions();
      const failures = [];
      const check = async (kase, role, token) => {
        const answer = await send({ method: op.method, ...kase, token });
        const wrong = restVerdict({ ...kase, method: op.method }, answer);
        if (wrong) failures.push(`${op.operation} ${kase.path.slice(0, 80)} [${role}] ${kase.name} → ${wrong}: ${answer.status} ${excerpt(answer.text)}`);
        return answer;
      };
      // Roles first (the plausible request as each of them, against the roles the document states), while the staff
      // token is surely valid: logout revokes it.
      const [plausible] = op.cases;
      const callers = [['anonymous', null], ...Object.entries(forgedTokens(tokens.staff)), ['listener', tokens.listener], ['member', tokens.member]];
      for (const [role, token] of callers) {
        const answer = await check(plausible, role, token);
        const expected = admission(op.access, role);
        const refused = answer.status === 401 || answer.status === 403;
        if (typeof expected === 'number' && answer.status !== expected) {
          failures.push(`${op.operation} [${role}] → ${answer.status}, expected ${expected} (it admits ${op.access.roles.join(', ') || 'any valid token'}): ${excerpt(answer.text)}`);
        } else if (expected === 'admitted' && refused) {
          failures.push(`${op.operation} [${role}] → ${answer.status} for a role it admits: ${excerpt(answer.text)}`);
        }
      }
      // Then every case as staff, the role that passes every policy, so that each reaches the code behind the policy.
      await pool(op.cases, 6, (kase) => check(kase, 'staff', tokens.staff));
      report(failures);
    });
  }
});

// Join methods first and Leave/End last, so that the attacker is in the room or ride while the others are tried.
const order = (name) => (/^Join/.test(name) ? 0 : /^(Leave|End)/.test(name) ? 2 : 1);
const hubs = {};
for (const m of hubMethods(contract, (hub) => contexts[hub.path] ?? {})) (hubs[m.hub.path] ??= []).push(m);

for (const hub of contract.hubs) {
  describe(`hub ${hub.path}, generated from /api/v1/hubs/contract.json`, () => {
    let tokens;
    let bystander;
    let hostile;
    const token = () => (hub.access ? tokens.staff : null);

    before(async () => {
      tokens = await sessions();
      bystander = await Bystanders[hub.path]?.join(tokens) ?? await connectHub(hub.path, token());
      hostile = attacker(hub.path, token());
    });
    after(async () => {
      await hostile?.stop();
      await bystander?.stop();
    });

    test(`${hub.path}: negotiation admits exactly the roles the contract names`, async () => {
      const failures = [];
      const expected = (role) => {
        const admitted = admission(hub.access, role);
        return typeof admitted === 'number' ? admitted : 200;
      };
      for (const [role, roleToken] of [...Object.entries(tokens), ...Object.entries(forgedTokens(tokens.staff))]) {
        const answer = await send({ method: 'POST', path: `${hub.path}/negotiate?negotiateVersion=1`, token: roleToken });
        if (answer.status !== expected(role)) failures.push(`${hub.path}/negotiate [${role}] → ${answer.status}, expected ${expected(role)}: ${excerpt(answer.text)}`);
      }
      report(failures);
    });

    for (const method of (hubs[hub.path] ?? []).toSorted((a, b) => order(a.method.name) - order(b.method.name))) {
      test(`${hub.path} ${method.method.name} (${method.cases.length} cases)`, async () => {
        const failures = [];
        for (const kase of method.cases) {
          const outcome = await hostile.invoke(method.method.name, kase.args);
          const wrong = outcome.hung ? 'no answer within 10 s' : hubVerdict(kase, outcome);
          if (wrong) failures.push(`${hub.path} ${method.method.name} ${kase.name} → ${wrong}: ${excerpt(outcome.error ?? JSON.stringify(outcome.result))}`);
        }
        report(failures);
      });
    }

    test(`${hub.path}: every method called plausibly by each admitted role is answered or refused with a code`, async () => {
      const failures = [];
      for (const role of ['anonymous', 'listener', 'member', 'staff']) {
        if (admission(hub.access, role) === 401 || admission(hub.access, role) === 403) continue;
        const caller = attacker(hub.path, tokens[role]);
        try {
          for (const method of (hubs[hub.path] ?? []).toSorted((a, b) => order(a.method.name) - order(b.method.name))) {
            const outcome = await caller.invoke(method.method.name, method.cases[0].args);
            const wrong = outcome.hung ? 'no answer within 10 s' : hubVerdict({}, outcome);
            if (wrong) failures.push(`${hub.path} ${method.method.name} [${role}] plausible arguments → ${wrong}: ${excerpt(outcome.error)}`);
          }
        } finally {
          await caller.stop();
        }
      }
      report(failures);
    });

    test(`${hub.path}: an unknown method is INVALID_REQUEST`, async () => {
      const outcome = await hostile.invoke('NoSuchMethod', []);
      assert.match(outcome.error ?? '', /^INVALID_REQUEST: /, `${hub.path} NoSuchMethod → ${JSON.stringify(outcome)}`);
    });

    test(`${hub.path}: malformed frames close only their own connection or get coded errors`, async () => {
      const failures = [];
      const [first] = hub.methods;
      for (const kase of rawFrames(first?.name ?? 'NoSuchMethod')) {
        const raw = await rawHubSocket(hub.path, token());
        raw.socket.send(kase.frame, { binary: kase.binary === true });
        if (raw.socket.readyState === 1) raw.socket.send('{"type":1,"invocationId":"probe","target":"NoSuchMethod","arguments":[]}\x1e');
        const outcome = await rawOutcome(raw, 'probe');
        const errors = raw.frames.filter((f) => f.type === 3 && f.error !== undefined && !/^[A-Z][A-Z0-9_]+: /.test(f.error) || /^INTERNAL_ERROR/.test(f.error ?? ''));
        if (outcome.hung) failures.push(`${hub.path} raw frame ${kase.name} → no answer and no close within 10 s`);
        for (const e of errors) failures.push(`${hub.path} raw frame ${kase.name} → ${excerpt(e.error)}`);
        raw.socket.terminate();
      }
      report(failures);
    });

    test(`${hub.path}: a bystander kept its connection and keeps receiving`, async () => {
      assert.deepEqual(bystander.closes, [], `${hub.path}: the bystander's connection was closed`);
      await Bystanders[hub.path]?.receives(tokens, bystander);
      assert.equal(bystander.state, 'Connected', `${hub.path}: the bystander is no longer connected`);
    });
  });
}

/** `connection` after a successful `method(argument)`; stopped if the call fails. */
async function joined(connection, method, argument) {
  try {
    await connection.invoke(method, argument);
    return connection;
  } catch (error) {
    await connection.stop();
    throw error;
  }
}

/** Per known hub, a bystander joined where the attacker plays, and the proof it still receives; other hubs get a plain
 * connection whose survival is checked. */
const Bystanders = {
  '/hubs/ride': {
    async join() {
      return joined(await connectHub('/hubs/ride'), 'JoinRide', { accessCode: route.accessCode, role: 'follower' });
    },
    async receives(_, follower) {
      const leader = await connectHub('/hubs/ride');
      try {
        await leader.invoke('JoinRide', { accessCode: route.accessCode, role: 'leader', leaderKey: route.leaderKey });
        const seen = nextEvent(follower, 'locationUpdated');
        const sent = await leader.invoke('UpdateLocation', route.accessCode, { lat: 48.5, lng: 9.5 });
        assert.equal((await seen).seq, sent.seq, '/hubs/ride: the bystander missed a position');
      } finally {
        await leader.stop();
      }
    },
  },
  '/hubs/chat': {
    async join(tokens) {
      return joined(await connectHub('/hubs/chat', tokens.member), 'JoinRoom', { room: hubRoom });
    },
    async receives(tokens, member) {
      const sender = await joined(await connectHub('/hubs/chat', tokens.staff), 'JoinRoom', { room: hubRoom });
      try {
        const seen = nextEvent(member, 'newMessage');
        const sent = await sender.invoke('SendMessage', { room: hubRoom, text: 'still there?', clientMessageId: randomUUID() });
        assert.equal((await seen).id, sent.id, '/hubs/chat: the bystander missed a message');
      } finally {
        await sender.stop();
      }
    },
  },
  '/hubs/studio': {
    join: (tokens) => connectHub('/hubs/studio', tokens.staff),
    async receives(tokens, dj) {
      const seen = nextEvent(dj, 'newSongRequest');
      const answer = await send({ method: 'POST', path: '/api/v1/services/song_request', token: tokens.listener, contentType: 'application/json',
        body: JSON.stringify({ title: 'Still there?', requesterName: 'Hostile listener' }) });
      assert.equal(answer.status, 201, `/hubs/studio: the song request failed: ${excerpt(answer.text)}`);
      assert.equal((await seen).id, answer.json.data.id, '/hubs/studio: the bystander missed a song request');
    },
  },
};

test('the server logged no error while the suite ran', async () => {
  const errors = await log.errors();
  assert.equal(errors.length, 0, `${errors.length} error entries in ${log.file}:\n  ${errors.join('\n  ')}`);
});
