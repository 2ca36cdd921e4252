// Generates hostile cases from the OpenAPI document (REST) and the hub contract (/api/v1/hubs/contract.json), so a new
// endpoint or hub method is covered with no new test code. A case changes one thing in an otherwise plausible request;
// `reject: true` marks the cases no endpoint may accept (a 2xx, or a hub call that succeeds, is then a failure).
import { allows, baseValue, schemaReader } from './hostile-schema.mjs';
import { FORBIDDEN_TEXT, hostileNumbers, hostileRawSegments, hostileStrings, invalidUtf8, malformedBodies, OVERSIZE, valuesByType } from './hostile-values.mjs';

const MAX_DEPTH = 3;

/** The hostile variants of a value described by `d` at `path` (an array of keys); `where` is 'body' or 'hub'. */
export function mutations(reader, d, path, where, depth = 0) {
  const out = [];
  const at = (name, change) => out.push({ path, name: `${label(path)}: ${name}`, forbidden: FORBIDDEN_TEXT.test(change.value ?? ''), ...change });
  for (const [type, value] of Object.entries(valuesByType)) {
    if (type === d.primary || (type === 'integer' && d.primary === 'number')) continue;
    at(`wrong type ${type}`, { value, reject: !allows(d, type, value) });
  }
  if (d.enum?.length) {
    at('a value outside the enum', { value: 'not-a-listed-value', reject: true });
    at('an enum value in upper case', { value: String(d.enum[0]).toUpperCase() });
    at('an enum given as its index', { value: 0, reject: !allows(d, 'integer', 0) });
  } else if (d.primary === 'string' || d.any) {
    // The oversize string must be refused unless the field documents a longer maximum (rich text), which maxLength + 1 tests.
    const oversizeAllowed = d.maxLength !== undefined && d.maxLength >= OVERSIZE;
    for (const s of hostileStrings) at(s.name, { value: s.value, reject: s.reject === true && !d.any && !(s.value.length >= OVERSIZE && oversizeAllowed) });
    if (d.maxLength !== undefined) at(`maxLength + 1 (${d.maxLength + 1})`, { value: 'm'.repeat(d.maxLength + 1), reject: true });
    if (d.minLength > 0) at(`minLength - 1 (${d.minLength - 1})`, { value: 'm'.repeat(d.minLength - 1), reject: true });
  } else if (d.primary === 'integer' || d.primary === 'number') {
    const integer = d.primary === 'integer' ? (d.format ?? 'int64') : false;
    for (const n of hostileNumbers(integer)) at(n.name, { value: n.value, raw: n.raw, reject: n.reject === true });
    if (d.minimum !== undefined) at(`minimum - 1 (${d.minimum - 1})`, { value: d.minimum - 1, reject: true });
    if (d.maximum !== undefined) at(`maximum + 1 (${d.maximum + 1})`, { value: d.maximum + 1, reject: true });
  } else if (d.primary === 'array') {
    const item = d.items ? reader.describe(d.items) : { any: true, types: new Set(), primary: 'any' };
    at('empty array', { value: [], reject: d.minItems > 0 });
    at(`${OVERSIZE} items`, { array: OVERSIZE, reject: where === 'body' });
    if (d.maxItems !== undefined) at(`maxItems + 1 (${d.maxItems + 1})`, { array: d.maxItems + 1, reject: true });
    if (depth < MAX_DEPTH) out.push(...mutations(reader, item, [...path, 0], where, depth + 1));
  } else if (d.primary === 'object') {
    at('an unexpected extra property', { extra: { unexpectedField: 'hostile' } });
    at('a __proto__ property', { extra: { ['__proto__']: { polluted: true } } });
    for (const [key, schema] of Object.entries(d.properties ?? {})) {
      out.push({ path: [...path, key], name: `${label([...path, key])}: missing`, remove: true });
      if (depth < MAX_DEPTH) out.push(...mutations(reader, reader.describe(schema), [...path, key], where, depth + 1));
    }
  }
  return out;
}

const label = (path) => (path.length ? path.map((p) => (typeof p === 'number' ? `[${p}]` : p)).join('.').replace(/\.\[/g, '[') : 'value');

/** Applies a mutation to a fresh base value; returns the JSON text (raw tokens such as 1e999 spliced in). */
export function applyMutation(base, mutation) {
  const root = { value: structuredClone(base) };
  const keys = ['value', ...mutation.path];
  const parent = keys.slice(0, -1).reduce((node, key) => node?.[key], root);
  const last = keys.at(-1);
  const RAW = '\u0000hostile-raw\u0000';
  if (parent !== undefined && parent !== null && typeof parent === 'object') {
    if (mutation.remove) delete parent[last];
    else if (mutation.extra) Object.defineProperties(parent[last], Object.getOwnPropertyDescriptors(mutation.extra));
    else if (mutation.array !== undefined) parent[last] = Array.from({ length: mutation.array }, () => structuredClone(parent[last]?.[0] ?? 1));
    else parent[last] = mutation.raw !== undefined ? RAW : mutation.value;
  }
  const json = JSON.stringify(root.value) ?? 'null';
  return mutation.raw !== undefined ? json.replace(JSON.stringify(RAW), mutation.raw) : json;
}

/** Every REST operation of an OpenAPI document with its cases: `{ operation, method, cases: [{ name, path, query, body,
 * contentType, reject }] }`. `context` gives valid values some fields need (an access code, a room). */
export function restOperations(document, context) {
  const reader = schemaReader(document);
  const operations = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((p) => ({ ...p, d: reader.describe(p.schema) }));
      const bodySchema = operation.requestBody?.content?.['application/json']?.schema;
      const body = bodySchema ? reader.describe(bodySchema) : null;
      const build = () => ({
        params: Object.fromEntries(parameters.map((p) => [p.name, String(baseValue(reader, p.d, p.name, context, 0, p.in))])),
        body: body ? baseValue(reader, body, '', context) : undefined,
      });
      const cases = [{ name: 'a plausible request', ...request(template, parameters, build()) }];
      for (const p of parameters) {
        for (const m of parameterMutations(p)) {
          const base = build();
          cases.push({ name: `${p.in} parameter ${p.name}: ${m.name}`, reject: m.reject, forbidden: m.forbidden, ...request(template, parameters, base, { [p.name]: m.raw }, m.omit && p.name) });
        }
      }
      if (body) {
        for (const m of mutations(reader, body, [], 'body')) {
          const base = build();
          cases.push({ name: `body ${m.name}`, reject: m.reject, forbidden: m.forbidden, ...request(template, parameters, base), body: applyMutation(base.body, m) });
        }
        const base = build();
        const plain = request(template, parameters, base);
        for (const m of malformedBodies) cases.push({ ...plain, name: `body ${m.name}`, body: m.body, reject: true });
        const text = firstTextPath(reader, body);
        for (const m of invalidUtf8) {
          const [before, after] = applyMutation(base.body, { path: text, raw: '"\u0000bytes\u0000"' }).split('\u0000bytes\u0000');
          cases.push({ ...plain, name: `body ${label(text)}: ${m.name}`, body: Buffer.concat([Buffer.from(before), m.bytes, Buffer.from(after)]), reject: true });
        }
        cases.push({ ...plain, name: 'body sent as text/plain', contentType: 'text/plain', reject: true });
        cases.push({ ...plain, name: 'no body at all', body: undefined, contentType: undefined, reject: true });
      } else if (method !== 'get') {
        cases.push({ name: 'an unexpected JSON body', ...request(template, parameters, build()), body: '{"unexpected":true}' });
      }
      // OpenAPI 3.1 security requirement: the roles a bearer token must carry ([] for any valid token); none when open.
      const bearer = operation.security?.find((r) => r.Bearer)?.Bearer;
      operations.push({ operation: `${method.toUpperCase()} ${template}`, method: method.toUpperCase(), access: bearer ? { roles: bearer } : null, cases });
    }
  }
  return operations;
}

/** The path of the first text field of an object body (a string, or the first item of an array of strings); else a new
 * field, which the server must still refuse to read. */
function firstTextPath(reader, body) {
  for (const [key, schema] of Object.entries(body.properties ?? {})) {
    const d = reader.describe(schema);
    if (d.primary === 'string' && !d.enum?.length) return [key];
    if (d.primary === 'array' && d.items && reader.describe(d.items).primary === 'string') return [key, 0];
  }
  return ['unexpectedText'];
}

function parameterMutations(p) {
  const out = hostileRawSegments.map((s) => ({ name: s.name, raw: s.raw }));
  for (const s of hostileStrings.filter((h) => h.value.length < 1000)) {
    out.push({ name: s.name, raw: encodeSegment(s.value), forbidden: FORBIDDEN_TEXT.test(s.value.replace(/[\ud800-\udfff]/g, '')) });
  }
  if (p.d.primary === 'integer' || p.d.primary === 'number') {
    for (const n of hostileNumbers(p.d.primary === 'integer' ? (p.d.format ?? 'int64') : false)) {
      out.push({ name: n.name, raw: encodeSegment(n.raw ?? String(n.value)), reject: n.reject === true && !n.lenientInQuery });
    }
  }
  if (p.d.format === 'uuid') out.push({ name: 'not a uuid', raw: 'not-a-uuid', reject: true });
  if (p.in === 'query') out.push({ name: 'left out', omit: true }, { name: 'given twice', raw: `1&${p.name}=2` });
  return out;
}

/** Percent-encodes every UTF-8 byte (lone surrogates become U+FFFD, as any client would send them). */
export const encodeSegment = (text) => [...Buffer.from(text, 'utf8')].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function request(template, parameters, base, overrides = {}, omit = null) {
  const value = (p) => overrides[p.name] ?? encodeURIComponent(base.params[p.name]);
  const path = template.replace(/\{([^}]+)\}/g, (_, name) => value(parameters.find((p) => p.name === name) ?? { name }));
  const query = parameters.filter((p) => p.in === 'query' && p.name !== omit && base.params[p.name] !== 'null')
    .map((p) => `${encodeURIComponent(p.name)}=${value(p)}`).join('&');
  return { path: query ? `${path}?${query}` : path, body: base.body === undefined ? undefined : JSON.stringify(base.body), contentType: 'application/json' };
}

/** Every hub method of the hub contract with its cases: `{ hub, method, cases: [{ name, args (JSON texts), reject }] }`. */
export function hubMethods(contract, contextFor) {
  const reader = schemaReader();
  const out = [];
  for (const hub of contract.hubs) {
    for (const method of hub.methods) {
      const context = contextFor(hub);
      const described = method.parameters.map((p) => ({ ...p, d: p.schema ? reader.describe(p.schema) : typed(p.type) }));
      const build = () => described.map((p) => baseValue(reader, p.d, p.name, context));
      const cases = [{ name: 'plausible arguments', args: build().map((a) => JSON.stringify(a)) }];
      cases.push({ name: 'no arguments', args: [], reject: described.length > 0 });
      cases.push({ name: 'one argument too many', args: [...build(), 'extra'].map((a) => JSON.stringify(a)), reject: true });
      if (described.length > 1) cases.push({ name: 'one argument too few', args: build().slice(1).map((a) => JSON.stringify(a)), reject: true });
      described.forEach((p, i) => {
        const d = p.d.any ? { ...p.d, primary: typeof build()[i] === 'string' ? 'string' : 'any' } : p.d;
        for (const m of mutations(reader, d, [], 'hub')) {
          const base = build();
          cases.push({ name: `argument ${p.name} ${m.name}`, reject: m.reject, forbidden: m.forbidden,
            args: base.map((a, j) => (j === i ? applyMutation(a, m) : JSON.stringify(a))) });
        }
      });
      out.push({ hub, method, context, cases });
    }
  }
  return out;
}

const typed = (type) => (type === 'json' ? { any: true, types: new Set(), primary: 'any' } : { types: new Set([type]), primary: type, any: false });
