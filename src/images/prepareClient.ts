/**
 * The one gateway from the UI thread to the image worker: the workers' bridge (src/workers/),
 * created on first use and again after the worker dies; what was waiting then fails with a
 * sentence. Must not import the store or any view.
 */
import { lazyWorker, WorkerBridge } from '../workers/bridge';
import { imageError, ImageFailure, type ImageError } from './errors';
import type { PreparedImage } from './prepare';
import type { PrepareRequests } from './protocol';

export { ImageFailure } from './errors';
export type { PreparedImage } from './prepare';

const images = lazyWorker(
  () =>
    new WorkerBridge<PrepareRequests, ImageError>(
      new Worker(new URL('./prepare.worker.ts', import.meta.url), {
        type: 'module',
        name: 'nook-images',
      }),
      {
        failure: (error) => new ImageFailure(error),
        crashed: (call) => imageError('undecodable', call?.params.name ?? 'The image'),
      },
    ),
);

/** Checks, scales and re-encodes an image off the UI thread; rejects with an ImageFailure. */
export function prepareImageFile(file: Blob, name: string): Promise<PreparedImage> {
  return images.get().call('prepare', { file, name });
}
