/**
 * Reads data against a valibot declaration in one of two ways, so that one declaration of a saved
 * shape serves both:
 * - `readLenient`: Nook's own stored data. Whatever makes sense is kept: a record that fails is
 *   dropped from its list, a field that fails takes its declared `restoreAs` value or is left out
 *   (optional), fields and values this version does not know survive (store/preserve.ts), and size
 *   limits are not applied (Nook wrote the data itself; a limit must never lose it).
 * - `knownFields`: the same, keeping only the declared fields (what an export writes).
 * - `readStrict`: untrusted input (an imported file). The first field that fails stops the read
 *   and is named by its path; unknown fields are never copied, so no key of the input (`__proto__`
 *   included) reaches the result.
 * Both walk only the declared shape, so deeply nested junk costs nothing. Optional fields may be
 * missing or null. Leaves (strings, numbers, picklists with their checks and transforms) are
 * validated by valibot itself; objects, lists and records are walked here. A pipe on an object
 * runs after its fields are read: in strict mode its checks fail the read, in lenient mode its
 * declared `repair` mends the record instead.
 */
import * as v from 'valibot';
import { isRecord } from '../lib/isRecord';
import { restored } from './preserve';

type AnySchema = v.GenericSchema;
type AnyAction = v.PipeItem<unknown, unknown, v.BaseIssue<unknown>>;

/** What a declaration may say about reading stored data leniently (see restoreAs / repaired). */
type LenientMeta = {
  /** The value a stored field takes when it is missing or does not validate. */
  restoreAs?: unknown;
  /** Mends a stored record that fails its object-level checks. */
  repair?: (value: Record<string, unknown>) => Record<string, unknown>;
  /** Input for which an optional field counts as absent (e.g. figures JSON wrote as null). */
  absentWhen?: (input: unknown) => boolean;
};

/** A field whose stored value falls back to `value` when it is missing or invalid. */
export function restoreAs<S extends AnySchema>(schema: S, value: v.InferOutput<S>) {
  return v.pipe(schema, v.metadata({ restoreAs: value } satisfies LenientMeta));
}

/** Object-level checks, and how a stored record that fails them is mended. */
export function repaired<T>(repair: NonNullable<LenientMeta['repair']>) {
  return v.metadata<T, LenientMeta>({ repair });
}

/** An optional field's input that counts as absent. */
export function absentWhen<T>(test: NonNullable<LenientMeta['absentWhen']>) {
  return v.metadata<T, LenientMeta>({ absentWhen: test });
}

export type PathKey = string | number;

export interface ReadIssue {
  /** From the value read down to the field that failed. */
  path: PathKey[];
  message: string;
}

export type ReadResult<T> = { ok: true; value: T } | { ok: false; issue: ReadIssue };

/** strict: untrusted input. lenient: stored data. known: stored data, only the declared fields. */
type Mode = 'strict' | 'lenient' | 'known';

/** The parts of valibot's container schemas the reader walks. */
interface ObjectLike {
  entries: Record<string, AnySchema>;
  message?: string;
}
interface ListLike {
  item: AnySchema;
  message?: string;
}
interface RecordLike {
  key: AnySchema;
  value: AnySchema;
  message?: string;
}

const NOT_VALID = 'is not valid.';

/** Schemas the reader walks itself; any other is validated by valibot as a whole. */
const CONTAINERS = new Set(['object', 'array', 'record', 'optional', 'nullish', 'nullable']);

/** Size limits, which guard imports only (see the header). */
const LIMIT_ACTIONS = new Set(['max_length', 'max_entries', 'max_size', 'max_bytes']);

/** A schema as its root and the actions piped after it, nested pipes flattened. */
export function unpipe(schema: AnySchema): { root: AnySchema; actions: AnyAction[] } {
  const pipe = (schema as { pipe?: readonly (AnySchema | AnyAction)[] }).pipe;
  if (!pipe) return { root: schema, actions: [] };
  const [first, ...rest] = pipe;
  const inner = unpipe(first as AnySchema);
  return { root: inner.root, actions: [...inner.actions, ...(rest as AnyAction[])] };
}

function metaOf(actions: readonly AnyAction[]): LenientMeta {
  const meta: LenientMeta = {};
  for (const action of actions) {
    if (action.type === 'metadata')
      Object.assign(meta, (action as unknown as { metadata: LenientMeta }).metadata);
  }
  return meta;
}

interface OptionalSchema extends AnySchema {
  wrapped: AnySchema;
  default?: unknown;
}

function isOptional(schema: AnySchema): schema is OptionalSchema {
  return schema.type === 'optional' || schema.type === 'nullish';
}

/** What the declaration says of a field, on the field or on the schema it makes optional. */
function fieldMeta(field: AnySchema): LenientMeta {
  const inner = isOptional(field) ? compile(field.wrapped).meta : {};
  return { ...inner, ...compile(field).meta };
}

/** An optional field's default (valibot's `optional(schema, default)`), if it has one. */
function defaultOf(field: OptionalSchema): unknown {
  return typeof field.default === 'function' ? (field.default as () => unknown)() : field.default;
}

const fail = (path: PathKey[], message: string): ReadResult<never> => ({
  ok: false,
  issue: { path, message },
});

/** A schema taken apart once for each way of reading it: restores run at every app start. */
interface Compiled {
  root: AnySchema;
  meta: LenientMeta;
  /** The whole schema (a leaf), or the object-level actions after a container, as one pipe. */
  check: { strict: AnySchema | null; lenient: AnySchema | null };
}

const compiledSchemas = new WeakMap<AnySchema, Compiled>();

function compile(schema: AnySchema): Compiled {
  const cached = compiledSchemas.get(schema);
  if (cached) return cached;
  const { root, actions } = unpipe(schema);
  const work = actions.filter((a) => a.type !== 'metadata');
  const lenientWork = work.filter((a) => !LIMIT_ACTIONS.has(a.type));
  const container = CONTAINERS.has(root.type);
  const piped = (items: AnyAction[]): AnySchema | null => {
    if (container) return items.length > 0 ? v.pipe(v.unknown(), ...(items as [AnyAction])) : null;
    if (items.length === work.length) return schema;
    return items.length > 0 ? v.pipe(root, ...(items as [AnyAction])) : root;
  };
  const compiled = {
    root,
    meta: metaOf(actions),
    check: { strict: piped(work), lenient: piped(lenientWork) },
  };
  compiledSchemas.set(schema, compiled);
  return compiled;
}

/** Runs a compiled check: a leaf's validation, or a record's object-level checks and transforms. */
function runCheck(check: AnySchema | null, value: unknown, path: PathKey[]): ReadResult<unknown> {
  if (!check) return { ok: true, value };
  const result = v.safeParse(check, value, { abortEarly: true });
  if (result.success) return { ok: true, value: result.output };
  const [issue] = result.issues;
  const at = (issue.path ?? []).map((item) => item.key as PathKey);
  return fail([...path, ...at], issue.message);
}

function read(schema: AnySchema, input: unknown, mode: Mode, path: PathKey[]): ReadResult<unknown> {
  const compiled = compile(schema);
  const { root } = compiled;
  const check = mode === 'strict' ? compiled.check.strict : compiled.check.lenient;
  switch (root.type) {
    case 'object':
      return readObject(root as unknown as ObjectLike, compiled, check, input, mode, path);
    case 'array':
      return readArray(root as unknown as ListLike, check, input, mode, path);
    case 'record':
      return readRecord(root as unknown as RecordLike, check, input, mode, path);
    case 'optional':
    case 'nullish':
    case 'nullable': {
      if (input === null && root.type !== 'optional') return { ok: true, value: null };
      if (input === undefined && root.type !== 'nullable') return { ok: true, value: undefined };
      const inner = read((root as OptionalSchema).wrapped, input, mode, path);
      return inner.ok ? runCheck(check, inner.value, path) : inner;
    }
    default:
      return runCheck(check, input, path);
  }
}

function readObject(
  root: ObjectLike,
  { meta: { repair } }: Compiled,
  check: AnySchema | null,
  input: unknown,
  mode: Mode,
  path: PathKey[],
): ReadResult<unknown> {
  if (!isRecord(input)) return fail(path, root.message ?? NOT_VALID);
  const known: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(root.entries)) {
    const optional = isOptional(field);
    const meta = fieldMeta(field);
    let raw = Object.hasOwn(input, key) ? input[key] : undefined;
    if (meta.absentWhen?.(raw)) raw = undefined;
    if (optional && (raw === undefined || raw === null)) {
      const fallback = defaultOf(field);
      if (fallback !== undefined) known[key] = fallback;
      continue;
    }
    const result = read(field, raw, mode, [...path, key]);
    if (result.ok) {
      if (result.value !== undefined) known[key] = result.value;
      continue;
    }
    if (mode === 'strict') return result;
    if ('restoreAs' in meta) known[key] = meta.restoreAs;
    else if (!optional) return result;
  }
  const checked = runCheck(check, known, path);
  let value: Record<string, unknown>;
  if (checked.ok) value = checked.value as Record<string, unknown>;
  else if (mode !== 'strict' && repair) value = repair(known);
  else return checked;
  return { ok: true, value: mode === 'lenient' ? restored(input, value, root.entries) : value };
}

function readArray(
  root: ListLike,
  check: AnySchema | null,
  input: unknown,
  mode: Mode,
  path: PathKey[],
): ReadResult<unknown> {
  if (!Array.isArray(input)) return fail(path, root.message ?? NOT_VALID);
  const items: unknown[] = [];
  for (const [index, item] of input.entries()) {
    const result = read(root.item, item, mode, [...path, index]);
    // A stored list keeps the items that make sense; an import is refused for one bad item.
    if (result.ok) items.push(result.value);
    else if (mode === 'strict') return result;
  }
  return runCheck(check, items, path);
}

function readRecord(
  root: RecordLike,
  check: AnySchema | null,
  input: unknown,
  mode: Mode,
  path: PathKey[],
): ReadResult<unknown> {
  if (!isRecord(input)) return fail(path, root.message ?? NOT_VALID);
  const entries: [string, unknown][] = [];
  for (const [key, item] of Object.entries(input)) {
    const keyResult = read(root.key, key, mode, [...path, key]);
    const result = keyResult.ok ? read(root.value, item, mode, [...path, key]) : keyResult;
    if (result.ok) entries.push([keyResult.ok ? (keyResult.value as string) : key, result.value]);
    else if (mode === 'strict') return result;
  }
  // fromEntries defines own properties, so no key can reach the prototype of the result.
  return runCheck(check, Object.fromEntries(entries), path);
}

/** Reads untrusted input; the first field that fails is named by its path. */
export function readStrict<S extends AnySchema>(
  schema: S,
  input: unknown,
): ReadResult<v.InferOutput<S>> {
  return read(schema, input, 'strict', []) as ReadResult<v.InferOutput<S>>;
}

/** Reads Nook's own stored data, keeping what makes sense; null when nothing does. */
export function readLenient<S extends AnySchema>(
  schema: S,
  input: unknown,
): v.InferOutput<S> | null {
  const result = read(schema, input, 'lenient', []);
  return result.ok ? (result.value as v.InferOutput<S>) : null;
}

/** Nook's own data with only the declared fields, as an export writes it. */
export function knownFields<S extends AnySchema>(
  schema: S,
  input: v.InferOutput<S>,
): v.InferOutput<S> {
  const result = read(schema, input, 'known', []);
  return result.ok ? (result.value as v.InferOutput<S>) : input;
}

/** The fields a declared object knows, in declaration order. */
export function fieldsOf(schema: AnySchema): string[] {
  const { root } = unpipe(schema);
  return root.type === 'object' ? Object.keys((root as unknown as ObjectLike).entries) : [];
}
