// The hostile values the generator (hostile-cases.mjs) plants in every field, parameter and hub argument, grouped by what
// the server must do with them. `reject: true` means any 2xx is a failure; otherwise a 2xx is fine but its body must not
// echo a forbidden character (see FORBIDDEN_TEXT). Every value is small enough that a suite run stays at a few thousand
// requests.

/** Characters no stored text may keep: C0 controls other than tab and line breaks, DEL, C1 controls, lone surrogates, and
 * the bidirectional overrides and isolates of Trojan Source (CVE-2021-42574), which make text read differently than it is. */
export const FORBIDDEN_TEXT = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/u;

/** Longer than any plain-text field (the longest is 2,000 characters; rich text documents its own larger maxLength), yet under the hub's 16 KiB frame cap. */
export const OVERSIZE = 10_000;

/** Strings of every hostile kind; all are valid JSON strings when serialised. */
export const hostileStrings = [
  { name: 'empty string', value: '' },
  { name: 'only spaces', value: '   ' },
  { name: `${OVERSIZE} characters`, value: 'x'.repeat(OVERSIZE), reject: true },
  { name: 'NUL byte', value: 'a\u0000b' },
  { name: 'C0 controls and an ANSI escape', value: 'a\u0001\u0007\u001b[31mb' },
  { name: 'DEL and C1 controls', value: 'a\u007f\u0085\u009bb' },
  { name: 'lone high surrogate', value: 'a\ud800b' },
  { name: 'lone low surrogate', value: 'a\udc00b' },
  { name: 'bidi override', value: 'abc\u202edcba' },
  { name: 'zero-width only', value: '\u200b\u200c\u200d\ufeff' },
  { name: 'combining marks pile', value: 'e' + '\u0301'.repeat(200) },
  { name: 'emoji and RTL text', value: '🚴‍♀️ مرحبا שלום' },
  { name: 'SQL injection', value: "' OR '1'='1'; DROP TABLE routes; --" },
  { name: 'HTML injection', value: '<script>alert(1)</script><img src=x onerror=alert(2)>' },
  { name: 'template and JNDI injection', value: '{{7*7}} ${jndi:ldap://127.0.0.1/x} #{1+1}' },
  { name: 'path traversal', value: '../../../../etc/passwd%00' },
  { name: 'CRLF header injection', value: 'a\r\nSet-Cookie: hostile=1' },
  { name: 'format string', value: '%s%s%n%x{0}{1}' },
];

/** Numbers for integer and number fields; `reject` when no integer or double field can hold them. */
export const hostileNumbers = (integer) => [
  { name: 'zero', value: 0 },
  { name: 'minus one', value: -1 },
  { name: 'negative zero', raw: '-0' },
  { name: '2^31 (int32 overflow)', value: 2 ** 31, reject: integer === 'int32' },
  { name: '-2^31-1 (int32 underflow)', value: -(2 ** 31) - 1, reject: integer === 'int32' },
  { name: '2^63 (int64 overflow)', raw: '9223372036854775808', reject: integer !== false },
  { name: 'fraction', value: 1.5, reject: integer !== false },
  { name: '1e308', value: 1e308, reject: integer !== false },
  { name: 'smallest subnormal', value: 5e-324, reject: integer !== false },
  { name: '1e999 (infinite)', raw: '1e999', reject: true },
  { name: 'NaN as a string', value: 'NaN', reject: true },
  { name: 'Infinity as a string', value: 'Infinity', reject: true },
  // Query strings parse numbers as .NET does, allowing surrounding white space: only JSON must refuse it.
  { name: 'number with spaces as a string', value: ' 12 ', reject: true, lenientInQuery: true },
  { name: 'hex as a string', value: '0x1F', reject: true },
];

/** A value of each JSON type, used where the schema allows another. */
export const valuesByType = {
  string: 'hostile',
  integer: 12345,
  number: 12.5,
  boolean: true,
  array: [1, 'two', null],
  object: { nested: { deeper: true } },
  null: null,
};

/** Raw JSON bodies that are not what any endpoint accepts (each must be a typed 4xx). */
export const malformedBodies = [
  { name: 'truncated JSON', body: '{"a":' },
  { name: 'NaN literal', body: '{"value":NaN}' },
  { name: 'trailing garbage', body: '{}}}' },
  { name: 'single-quoted JSON', body: "{'a':1}" },
  { name: 'nesting 1,000 deep', body: '['.repeat(1000) + ']'.repeat(1000) },
  { name: 'UTF-16 body declared as JSON', body: Buffer.from('{"a":"b"}', 'utf16le') },
  { name: 'body just over the 1 MiB limit', body: JSON.stringify({ padding: 'x'.repeat(1024 * 1024) }) },
];

/** Byte sequences that are not UTF-8, planted inside the first text field of an otherwise plausible body. */
export const invalidUtf8 = [
  { name: 'invalid UTF-8 (0xFF 0xFE)', bytes: Buffer.from([0xff, 0xfe]) },
  { name: 'overlong UTF-8 (0xC0 0xAF)', bytes: Buffer.from([0xc0, 0xaf]) },
  { name: 'UTF-8 encoded surrogate (0xED 0xA0 0x80)', bytes: Buffer.from([0xed, 0xa0, 0x80]) },
  { name: 'truncated UTF-8 sequence (0xE2 0x82)', bytes: Buffer.from([0xe2, 0x82]) },
];

/** Path and query text that may not be valid UTF-8 or may confuse routing; sent percent-encoded as is. */
export const hostileRawSegments = [
  { name: 'percent-encoded invalid UTF-8', raw: '%FF%FE' },
  { name: 'percent-encoded overlong slash', raw: '%C0%AF' },
  { name: 'percent-encoded surrogate', raw: '%ED%A0%80' },
  { name: 'percent-encoded NUL', raw: 'a%00b' },
  { name: 'encoded slash and dots', raw: '..%2F..%2Fetc%2Fpasswd' },
  { name: '2,000 characters', raw: 'y'.repeat(2000) },
];
