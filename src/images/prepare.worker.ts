/** The image worker: prepares each image it is sent (prepare.ts), one answer per request. */
import { imageError, ImageFailure } from './errors';
import { prepareImage } from './prepare';
import type { PrepareRequest, PrepareResponse } from './protocol';

const post = (response: PrepareResponse, transfer: Transferable[] = []) =>
  self.postMessage(response, { transfer });

self.addEventListener('message', (event: MessageEvent<PrepareRequest>) => {
  const { id, file, name } = event.data;
  prepareImage(file, name).then(
    (image) => post({ id, ok: true, image }, [image.bytes]),
    (error: unknown) =>
      post({
        id,
        ok: false,
        error: error instanceof ImageFailure ? error.error : imageError('undecodable', name),
      }),
  );
});
