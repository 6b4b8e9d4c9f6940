/**
 * Stored data that this version of Nook does not understand survives it. A newer version may add
 * fields, or new values to a field (a message status, a kind of document), under the same schema
 * version; an older tab reading them must not strip them when it saves.
 * - `restored()` makes the validated record this version works with: the stored record's fields
 *   this version does not know, and the validated ones (a known field that did not validate is
 *   left out, not kept), and it remembers the stored record.
 * - `asStored()` turns state back into what to store: a record this tab has not changed (the very
 *   object restored() made: updates are immutable) is stored exactly as it was read, unknown
 *   values included; a changed one is stored as it is now, its unknown fields with it.
 */
import { isRecord } from '../lib/isRecord';

const storedRecords = new WeakMap<object, Record<string, unknown>>();

export function restored<T extends object>(
  stored: Record<string, unknown>,
  known: T,
  /** Every field this version knows, set in `known` or not (the compiler checks the list). */
  fields: Readonly<Record<keyof T, unknown>>,
): T {
  const unknown = Object.fromEntries(Object.entries(stored).filter(([key]) => !(key in fields)));
  const value = { ...unknown, ...known };
  storedRecords.set(value, stored);
  return value;
}

export function asStored(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value;
  const stored = storedRecords.get(value);
  if (stored) return stored;
  if (Array.isArray(value)) return value.map(asStored);
  if (!isRecord(value)) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, asStored(v)]));
}
