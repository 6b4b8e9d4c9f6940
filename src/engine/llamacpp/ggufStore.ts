/**
 * Nook's store of GGUF models, in the origin private file system (folder "nook-models"), one file
 * per model id. A download is written to "<name>.part" and renamed only once it is whole, so a
 * model is either complete or not there; an interrupted download resumes with an HTTP Range
 * request, Cancel deletes what it wrote, and a file that is not a GGUF is refused at its first
 * bytes. Counted in the browser's storage estimate and erased with the origin's file system.
 * Runs inside the engine worker. Must not import the store or any view.
 */
import { EngineFailure } from '../errors';
import type { CacheInfo } from '../protocol';
import type { GgufModel } from '../../models/engineModel';

const FOLDER = 'nook-models';
const PART = '.part';
const MAGIC = [0x47, 0x47, 0x55, 0x46]; // "GGUF"
/** Progress reports at most this often: a fast disk writes thousands of chunks a second. */
const REPORT_MS = 100;

/** What OPFS handles can do beyond TypeScript's DOM types. */
interface MovableHandle extends FileSystemFileHandle {
  move(newName: string): Promise<void>;
}

export interface DownloadProgress {
  loadedBytes: number;
  totalBytes: number | null;
}

/** A file name for a model id (ids may hold "/" and ":"). */
const fileName = (id: string) => `${encodeURIComponent(id)}.gguf`;

async function folder(): Promise<FileSystemDirectoryHandle> {
  const root = await navigator.storage.getDirectory();
  return root.getDirectoryHandle(FOLDER, { create: true });
}

async function existing(name: string): Promise<FileSystemFileHandle | null> {
  try {
    return await (await folder()).getFileHandle(name);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'NotFoundError') return null;
    throw error;
  }
}

async function remove(name: string): Promise<void> {
  await (await folder()).removeEntry(name).catch((error: unknown) => {
    if (!(error instanceof DOMException && error.name === 'NotFoundError')) throw error;
  });
}

/** The model's file when it is whole on this device. */
export async function storedModel(id: string): Promise<File | null> {
  return (await (await existing(fileName(id)))?.getFile()) ?? null;
}

export async function modelStatus(model: GgufModel): Promise<CacheInfo> {
  const whole = await storedModel(model.id);
  if (whole) return { state: 'complete', bytes: whole.size };
  const part = await (await existing(fileName(model.id) + PART))?.getFile();
  return part && part.size > 0
    ? { state: 'partial', bytes: part.size }
    : { state: 'absent', bytes: 0 };
}

export async function deleteModel(id: string): Promise<void> {
  await remove(fileName(id));
  await remove(fileName(id) + PART);
}

/** Stores a file as the model's (a GGUF chosen from this computer), replacing any other. */
export async function saveModel(id: string, file: Blob, signal: AbortSignal): Promise<File> {
  const name = fileName(id);
  const handle = await (await folder()).getFileHandle(name + PART, { create: true });
  const writable = await handle.createWritable();
  try {
    // A full disk fails the write; an abort (the form closed) stops it; either leaves nothing.
    await file.stream().pipeTo(writable, { signal });
  } catch (error) {
    await remove(name + PART);
    throw error;
  }
  await remove(name);
  await (handle as MovableHandle).move(name);
  return handle.getFile();
}

function downloadFailed(url: string, detail: string, httpStatus?: number): EngineFailure {
  return new EngineFailure({
    code: 'download-failed',
    detail,
    url,
    ...(httpStatus !== undefined && { httpStatus }),
  });
}

/** The size of the whole file, from a 206's Content-Range or a 200's Content-Length. */
function totalBytes(response: Response, offset: number): number | null {
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  if (range?.[1]) return Number(range[1]);
  const length = Number(response.headers.get('content-length'));
  return length > 0 ? offset + length : null;
}

/**
 * Downloads the model's file into the store (resuming a download that stopped before), reporting
 * bytes as they are written; resolves with the whole file.
 */
export async function downloadModel(
  model: GgufModel & { url: string },
  signal: AbortSignal,
  onProgress: (progress: DownloadProgress) => void,
): Promise<File> {
  const name = fileName(model.id);
  const handle = await (await folder()).getFileHandle(name + PART, { create: true });
  const have = (await handle.getFile()).size;
  let response: Response;
  try {
    response = await fetch(model.url, {
      // The model is kept here, so the HTTP cache only costs: a second copy of up to 2 GB, and a
      // cached byte range (the custom-model form reads the first 4 bytes) that Chromium splices
      // into this download by range requests of its own. Against a server that compresses, that
      // splice broke downloads off part-way ("stopped at 351471 of 536448 bytes").
      cache: 'no-store',
      signal,
      ...(have > 0 && { headers: { Range: `bytes=${have}-` } }),
    });
  } catch (error) {
    if (signal.aborted) await remove(name + PART);
    throw error;
  }
  // 416: what is here already is all there is; 200: the server sends the whole file again.
  const resumed = response.status === 206;
  if (response.status === 416 && have > 0) return finish(handle, name, model, have, have);
  if (!response.ok || !response.body) {
    throw downloadFailed(model.url, `HTTP ${response.status}`, response.status);
  }
  const offset = resumed ? have : 0;
  const total = totalBytes(response, offset) ?? model.bytes ?? null;
  const writable = await handle.createWritable({ keepExistingData: resumed });
  if (resumed) await writable.seek(offset);
  let loaded = offset;
  let reportedAt = 0;
  let checked = resumed;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!checked) {
        // A login page or an error page saved as the model would fail much later, and confusingly.
        checked = true;
        if (!MAGIC.every((byte, i) => value[i] === byte)) {
          const start = new TextDecoder().decode(value.subarray(0, 16)).replace(/\s+/g, ' ');
          throw new EngineFailure({
            code: 'model-file-invalid',
            detail: `The file at ${model.url} is not a GGUF model: it begins "${start}".`,
            url: model.url,
          });
        }
      }
      await writable.write(value);
      loaded += value.byteLength;
      const now = performance.now();
      if (now - reportedAt >= REPORT_MS) {
        reportedAt = now;
        onProgress({ loadedBytes: loaded, totalBytes: total });
      }
    }
    await writable.close();
  } catch (error) {
    await reader.cancel().catch(() => undefined);
    // Cancel, a full disk or a file that is not a model leaves nothing; a dropped connection
    // keeps what arrived, for the next try to resume.
    const keep = !signal.aborted && !(error instanceof EngineFailure) && !isQuotaError(error);
    if (keep) await writable.close().catch(() => undefined);
    else {
      await writable.abort().catch(() => undefined);
      await remove(name + PART);
    }
    if (signal.aborted) throw error;
    if (error instanceof EngineFailure || isQuotaError(error)) throw error;
    throw downloadFailed(model.url, error instanceof Error ? error.message : String(error));
  }
  onProgress({ loadedBytes: loaded, totalBytes: total ?? loaded });
  return finish(handle, name, model, loaded, total);
}

function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'QuotaExceededError';
}

/** A whole download becomes the model's file; a short one is an error, kept to resume. */
async function finish(
  handle: FileSystemFileHandle,
  name: string,
  model: GgufModel & { url: string },
  loaded: number,
  total: number | null,
): Promise<File> {
  if (total !== null && loaded < total) {
    throw downloadFailed(model.url, `The download stopped at ${loaded} of ${total} bytes.`);
  }
  await remove(name);
  await (handle as MovableHandle).move(name);
  return handle.getFile();
}
