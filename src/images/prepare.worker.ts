/** The image worker: prepares each image it is sent (prepare.ts), its bytes handed back, not copied. */
import { serveRequests, type WorkerScope } from '../workers/serve';
import { imageError, ImageFailure, type ImageError } from './errors';
import { prepareImage } from './prepare';
import type { PrepareRequests } from './protocol';

serveRequests<PrepareRequests, ImageError>(
  self as unknown as WorkerScope<PrepareRequests, ImageError>,
  { prepare: ({ file, name }) => prepareImage(file, name) },
  {
    toError: (error, _type, { name }) =>
      error instanceof ImageFailure ? error.error : imageError('undecodable', name),
    transfer: (image) => [image.bytes],
  },
);
