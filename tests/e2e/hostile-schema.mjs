// JSON Schema reading for the hostile-input generator: what types a field allows, and a plausible valid value for it, so
// that each case changes one thing and the rest of the request gets past validation to the code behind it.
import { randomUUID } from 'node:crypto';

const TYPES = ['object', 'array', 'integer', 'number', 'boolean', 'string'];

/** Resolves `$ref`s against `components.schemas` of an OpenAPI document (or none, for the hub contract's inline schemas). */
export function schemaReader(document = {}) {
  const lookup = (ref) => document.components?.schemas?.[ref.split('/').pop()] ?? {};
  const resolve = (schema) => {
    let current = schema ?? {};
    for (let hops = 0; current.$ref && hops < 20; hops++) current = { ...lookup(current.$ref), ...withoutRef(current) };
    return current;
  };
  /** A flattened description: `types` (Set of JSON types, 'null' included when nullable), `any` when unconstrained. */
  const describe = (input) => {
    const schema = resolve(input);
    const members = [...(schema.oneOf ?? []), ...(schema.anyOf ?? [])].map(describe);
    const types = new Set(members.flatMap((m) => [...m.types]));
    const own = [schema.type ?? []].flat();
    own.forEach((t) => types.add(t));
    if (schema.enum) schema.enum.forEach((v) => types.add(v === null ? 'null' : Number.isInteger(v) ? 'integer' : typeof v));
    const detail = members.find((m) => m.properties || m.items || m.enum) ?? {};
    const described = {
      ...detail,
      ...pick(schema, ['format', 'pattern', 'minimum', 'maximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'description']),
      enum: schema.enum?.filter((v) => v !== null) ?? detail.enum,
      properties: schema.properties ?? detail.properties,
      required: schema.required ?? detail.required ?? [],
      items: schema.items ?? detail.items,
      types,
      any: types.size === 0,
    };
    described.primary = primaryType(described);
    return described;
  };
  return { resolve, describe };
}

const withoutRef = ({ $ref, ...rest }) => rest;
const pick = (object, keys) => Object.fromEntries(keys.filter((k) => object[k] !== undefined).map((k) => [k, object[k]]));

// ASP.NET lists ["integer", "string"] for numbers it also reads from strings: the number is the real type.
function primaryType({ types, enum: values }) {
  if (values?.length) return typeof values[0] === 'number' ? 'integer' : 'string';
  return TYPES.find((t) => types.has(t)) ?? 'any';
}

/** Whether a JSON value of type `type` (one of valuesByType's keys) is allowed by `d`. */
export function allows(d, type, value) {
  if (d.any) return true;
  if (type === 'integer') return d.types.has('integer') || d.types.has('number');
  if (type === 'number') return d.types.has('number');
  if (type === 'string') return d.types.has('string') && (!d.pattern || new RegExp(d.pattern).test(value)) && (!d.enum || d.enum.includes(value));
  return d.types.has(type);
}

/** Valid-looking values by field name (`location:name` first, location being `path`, `query` or `body`), for fields
 * whose rules the schema leaves to the description (formats, codes) or that must name something that exists. */
export function hintFor(name, context, location = 'body') {
  const key = String(name).toLowerCase();
  const hints = {
    email: () => `hostile-${randomUUID()}@e2e.test`,
    password: () => 'hostile-password-123',
    departuretime: () => '07:30',
    estimatedduration: () => 60,
    regionid: () => '0192f0a0-0000-7000-8000-000000000001',
    tagids: () => ['0192f0a0-0000-7000-8000-000000000102'],
    recurrencerule: () => 'FREQ=WEEKLY;BYDAY=MO',
    recurrenceenddate: () => '2030-01-01',
    timezone: () => 'Europe/Berlin',
    decision: () => 'approve',
    lat: () => 48.1,
    lng: () => 9.1,
    role: () => context.role ?? 'member',
    room: () => context.room ?? 'radio/live',
    kind: () => 'radio',
    accesscode: () => context.accessCode ?? 'ZZZZZZ',
    code: () => context.accessCode ?? 'ZZZZZZ',
    leaderkey: () => context.leaderKey ?? 'no-key',
    clientmessageid: () => randomUUID(),
    text: () => 'hello from the hostile-input suite',
    sessionid: () => null,
    timestamp: () => new Date().toISOString(),
    id: () => randomUUID(),
    'path:id': () => context.messageId,
    'path:kind': () => context.roomKind,
    'path:name': () => context.roomName,
    'query:room': () => 'radio/live',
  };
  return hints[`${location}:${key}`]?.() ?? hints[key]?.();
}

/** A plausible valid value for `d` named `name` (hints first, then the schema's format, type and bounds). */
export function baseValue(reader, d, name, context, depth = 0, location = 'body') {
  const hinted = hintFor(name, context, location);
  if (hinted !== undefined) return hinted;
  if (d.enum?.length) return d.enum[0];
  if (d.format === 'uuid') return randomUUID();
  if (d.format === 'date-time') return new Date().toISOString();
  switch (d.primary) {
    case 'object':
      return Object.fromEntries(Object.entries(d.properties ?? {}).filter(() => depth < 4)
        .map(([key, schema]) => [key, baseValue(reader, reader.describe(schema), key, context, depth + 1)]));
    case 'array':
      return d.items && depth < 4 ? [baseValue(reader, reader.describe(d.items), name, context, depth + 1)] : [];
    case 'integer': return d.minimum ?? 1;
    case 'number': return d.minimum ?? 1.5;
    case 'boolean': return true;
    case 'string': return `hostile-${String(name).slice(0, 20)}-${randomUUID().slice(0, 8)}`;
    default: return 'hostile';
  }
}
