/** The image worker's one request, as the workers' bridge takes it (src/workers/wire.ts). Types only. */
import type { RequestSpec } from '../workers/wire';
import type { PreparedImage } from './prepare';

export type PrepareRequests = {
  /** Checks, scales and re-encodes `file` (a File is a handle: posting it copies no bytes). */
  prepare: RequestSpec<{ file: Blob; name: string }, PreparedImage>;
};
