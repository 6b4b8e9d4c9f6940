/**
 * The images of chats, in their own IndexedDB database: each image once, under the SHA-256 of its
 * bytes (so an image sent twice, or imported again, is stored once), never as data URLs inside
 * the chat record, which is written on every change. A record carries its format version and is
 * checked when read; one this version cannot read is left alone, not deleted.
 * Must not import the store or any view.
 */
import { delMany, entries, get, keys, set, type UseStore } from 'idb-keyval';
import { isDimension, storedImageType, type StoredImageType } from '../lib/imageTypes';
import { createReadOnlyIfMissingStore } from './idbStorage';

export const IMAGE_RECORD_VERSION = 1;

export interface StoredImage {
  type: StoredImageType;
  width: number;
  height: number;
  /** Bytes rather than a Blob: they clone into IndexedDB (and its test double) everywhere. */
  bytes: ArrayBuffer;
}

interface ImageRecord extends StoredImage {
  v: typeof IMAGE_RECORD_VERSION;
  /** Date.now() when saved: a new image may belong to a chat another tab has not saved yet. */
  savedAt: number;
}

let database: ReturnType<typeof createReadOnlyIfMissingStore> | undefined;
// Closed by shutDownPersistence(), so "Erase all data" can delete the database for good; only
// saving an image creates it (a first visit leaves no empty database behind).
const images = () => (database ??= createReadOnlyIfMissingStore('nook-images', 'images'));
const read = <T>(fallback: T, reader: (store: UseStore) => Promise<T>): Promise<T> =>
  images()
    .ifExists(reader)
    .then((value) => value ?? fallback);

/** By its tag, not instanceof: a clone read back may come from another realm (workers, tests). */
const isArrayBuffer = (v: unknown): v is ArrayBuffer =>
  Object.prototype.toString.call(v) === '[object ArrayBuffer]';

/** A stored record as an image, or null when it is not one this version can read. */
export function readImageRecord(value: unknown): StoredImage | null {
  if (typeof value !== 'object' || value === null) return null;
  const record = value as Partial<Record<keyof ImageRecord, unknown>>;
  const type = storedImageType(record.type);
  if (record.v !== IMAGE_RECORD_VERSION || !type) return null;
  if (!isDimension(record.width) || !isDimension(record.height)) return null;
  if (!isArrayBuffer(record.bytes) || record.bytes.byteLength === 0) return null;
  return { type, width: record.width, height: record.height, bytes: record.bytes };
}

export function saveImage(id: string, image: StoredImage, now = Date.now()): Promise<void> {
  const { type, width, height, bytes } = image;
  const record: ImageRecord = { v: IMAGE_RECORD_VERSION, type, width, height, bytes, savedAt: now };
  return set(id, record, images().useStore);
}

/** When an image was saved (0 when unknown), or null when there is no such image. */
export async function imageSavedAt(id: string): Promise<number | null> {
  const record: unknown = await read(undefined, (store) => get(id, store));
  if (!readImageRecord(record)) return null;
  const { savedAt } = record as Partial<ImageRecord>;
  return typeof savedAt === 'number' ? savedAt : 0;
}

export async function loadImage(id: string): Promise<StoredImage | null> {
  return readImageRecord(await read(undefined, (store) => get(id, store)));
}

export async function storedImageIds(): Promise<string[]> {
  const all = await read<IDBValidKey[]>([], (store) => keys(store));
  return all.filter((k): k is string => typeof k === 'string');
}

export async function deleteImages(ids: readonly string[]): Promise<void> {
  if (ids.length > 0) await read(undefined, (store) => delMany([...ids], store));
}

/** The bytes all stored images take, for the storage summary. */
export async function storedImageBytes(): Promise<number> {
  const all = await read<[IDBValidKey, unknown][]>([], (store) => entries(store));
  return all.reduce((sum, [, value]) => sum + (readImageRecord(value)?.bytes.byteLength ?? 0), 0);
}
