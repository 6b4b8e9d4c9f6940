/**
 * The one gateway from the UI thread to the image worker, created on first use. Each call is
 * answered by id; if the worker dies, what was waiting fails with a sentence, and the next call
 * gets a fresh worker. Must not import the store or any view.
 */
import { imageError, ImageFailure } from './errors';
import type { PreparedImage } from './prepare';
import type { PrepareRequest, PrepareResponse } from './protocol';

export { ImageFailure } from './errors';
export type { PreparedImage } from './prepare';

interface Waiting {
  name: string;
  resolve(image: PreparedImage): void;
  reject(failure: ImageFailure): void;
}

let worker: Worker | undefined;
let nextId = 1;
const waiting = new Map<number, Waiting>();

function imageWorker(): Worker {
  if (worker) return worker;
  const created = new Worker(new URL('./prepare.worker.ts', import.meta.url), {
    type: 'module',
    name: 'nook-images',
  });
  created.addEventListener('message', (event: MessageEvent<PrepareResponse>) => {
    const answer = event.data;
    const call = waiting.get(answer.id);
    if (!call) return;
    waiting.delete(answer.id);
    if (answer.ok) call.resolve(answer.image);
    else call.reject(new ImageFailure(answer.error));
  });
  created.addEventListener('error', (event) => {
    event.preventDefault();
    for (const call of waiting.values())
      call.reject(new ImageFailure(imageError('undecodable', call.name)));
    waiting.clear();
    created.terminate();
    worker = undefined;
  });
  worker = created;
  return created;
}

/** Checks, scales and re-encodes an image off the UI thread; rejects with an ImageFailure. */
export function prepareImageFile(file: Blob, name: string): Promise<PreparedImage> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    waiting.set(id, { name, resolve, reject });
    imageWorker().postMessage({ id, file, name } satisfies PrepareRequest);
  });
}
