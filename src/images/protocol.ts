/** Messages between the UI thread (prepareClient.ts) and the image worker. Types only. */
import type { ImageError } from './errors';
import type { PreparedImage } from './prepare';

/** A File is a handle: posting it copies no bytes. */
export type PrepareRequest = { id: number; file: Blob; name: string };

export type PrepareResponse =
  { id: number; ok: true; image: PreparedImage } | { id: number; ok: false; error: ImageError };
