/**
 * Building blocks of the fuzz suite: nasty values, edits of valid bodies (a value replaced, a key
 * removed or added), raw bodies no object can express, and row counts of every table in one query.
 */
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { ServerDatabase } from '../../../../server/db/schema';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Names that an object lookup by request value would find on Object.prototype. */
export const ODD_NAMES = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__', ''] as const;

const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  'x\uDFFFy',
  '\u202Eevil',
  'a\u2066b\u2069',
  '\r\n',
  '\u001B[31m',
  '\u0085',
  ' ',
  '😀',
  "'; DROP TABLE customers; --",
  '%s%n%x',
  '${constructor}',
  '0193d3c5-0000-7000-8000-000000000001',
  '2026-02-30',
  '9999-12-31T23:59:59Z',
  '0001-01-01T00:00:00Z',
  'x'.repeat(5_001),
  ...ODD_NAMES,
];

const NASTY_NUMBERS = [0, -0, -1, 1.5, 1e-300, 1e308, -1e308, 2 ** 31, 2 ** 53, 2 ** 53 + 2, 2 ** 63, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER];

/** Arrays nested `depth` deep around a value. */
const nested = (depth: number, inner: Json): Json => (depth === 0 ? inner : [nested(depth - 1, inner)]);

/** Text from code units the text rule refuses, mixed with ordinary ones. */
const nastyText = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', '\u0000', '\uD800', '\uDC00', '\u202E', '\u2069', '\r', '\t', '\n', 'ü', '😀'), maxLength: 12 });

export const nastyValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(...NASTY_STRINGS),
  fc.constantFrom<Json>(...NASTY_NUMBERS),
  nastyText,
  fc.constantFrom<Json>(null, true, false, [], {}),
  fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>,
  fc.integer({ min: 2, max: 300 }).map((depth) => nested(depth, 'deep')),
);

/** Every path of a JSON value: the root, object keys and array indexes, depth first. */
export function pathsOf(value: Json, prefix: readonly (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [[...prefix]];
  if (Array.isArray(value)) value.forEach((item, index) => paths.push(...pathsOf(item, [...prefix, index])));
  else if (value !== null && typeof value === 'object') for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

/** A copy of an object with `key` set as an own property, `__proto__` included. */
function withKey(object: { [key: string]: Json }, key: string, item: Json): { [key: string]: Json } {
  const copy: { [key: string]: Json } = {};
  for (const [name, value] of Object.entries(object)) Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
  return copy;
}

function withoutKey(object: { [key: string]: Json }, key: string): { [key: string]: Json } {
  const copy: { [key: string]: Json } = {};
  for (const [name, value] of Object.entries(object)) if (name !== key) Object.defineProperty(copy, name, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

/** `value` with the thing at `path` replaced (undefined: removed). */
function editAt(value: Json, path: readonly (string | number)[], replace: (current: Json) => Json | undefined): Json {
  const [head, ...rest] = path;
  if (head === undefined) return replace(value) ?? null;
  if (Array.isArray(value) && typeof head === 'number') {
    const item = value[head];
    if (item === undefined) return value;
    if (rest.length === 0 && replace(item) === undefined) return value.filter((_, index) => index !== head);
    return value.map((entry, index) => (index === head ? editAt(entry, rest, replace) : entry));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && typeof head === 'string' && Object.hasOwn(value, head)) {
    const item = value[head] ?? null;
    if (rest.length === 0) {
      const next = replace(item);
      return next === undefined ? withoutKey(value, head) : withKey(value, head, next);
    }
    return withKey(value, head, editAt(item, rest, replace));
  }
  return value;
}

export type Edit =
  | { readonly kind: 'set'; readonly at: number; readonly value: Json }
  | { readonly kind: 'remove'; readonly at: number }
  | { readonly kind: 'addKey'; readonly at: number; readonly key: string; readonly value: Json };

export const edit: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: nastyValue }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), at: fc.nat() }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('addKey' as const), at: fc.nat(), key: fc.oneof(fc.constantFrom(...ODD_NAMES), fc.string({ maxLength: 6 })), value: nastyValue }) },
);

/** Applies an edit; `at` picks one of the body's paths (modulo their number), so any edit fits any body. */
export function applyEdit(body: Json, change: Edit): Json {
  if (change.kind === 'addKey') {
    const objects = pathsOf(body).filter((path) => {
      let node: Json | undefined = body;
      for (const step of path) node = Array.isArray(node) ? node[step as number] : node !== null && typeof node === 'object' ? node[step as string] : undefined;
      return node !== null && typeof node === 'object' && !Array.isArray(node);
    });
    const path = objects[change.at % Math.max(1, objects.length)];
    if (path === undefined) return body;
    return editAt(body, path, (current) => (current !== null && typeof current === 'object' && !Array.isArray(current) ? withKey(current, change.key, change.value) : current));
  }
  const paths = pathsOf(body).slice(1);
  const path = paths[change.at % Math.max(1, paths.length)];
  if (path === undefined) return body;
  return editAt(body, path, () => (change.kind === 'set' ? change.value : undefined));
}

/** Bodies only a raw string can carry: broken, deep, huge numbers, duplicated and prototype keys. */
export const RAW_BODIES = [
  '',
  '{',
  'null',
  '[]',
  '"text"',
  '1e999',
  '-0',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"x": 1}}}',
  '{"a": 1, "a": 2}',
  '\uFEFF{}',
  `${'['.repeat(20_000)}${']'.repeat(20_000)}`,
  `{"x": ${'9'.repeat(400)}}`,
  '{"cursor": null, "limit": 1e400}',
  '{"clientId": "\\u0000", "mutations": [{"__proto__": null}]}',
] as const;

/**
 * Row counts of every table of the current schema (the fuzz suite takes them after each request):
 * one call of a function created for it, whose plan the database keeps, so counting stays cheap.
 */
export async function tableCounter(db: Kysely<ServerDatabase>): Promise<() => Promise<Record<string, number>>> {
  const tables = await sql<{ name: string }>`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY table_name`.execute(db);
  const names = tables.rows.map((row) => row.name);
  const pairs = names.map((name) => `'${name}', (SELECT count(*) FROM "${name}")`).join(', ');
  await sql.raw(`CREATE OR REPLACE FUNCTION fuzz_table_counts() RETURNS json LANGUAGE plpgsql AS $$ BEGIN RETURN json_build_object(${pairs}); END $$`).execute(db);
  return async () => {
    const result = await sql<{ counts: Record<string, number> | string }>`SELECT fuzz_table_counts() AS counts`.execute(db);
    const counts = result.rows[0]?.counts ?? {};
    return typeof counts === 'string' ? (JSON.parse(counts) as Record<string, number>) : counts;
  };
}
