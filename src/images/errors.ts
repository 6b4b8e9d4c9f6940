/** Why an image was refused, as codes and the one sentence each shows. Pure. */
import { WorkerFailure } from '../workers/failure';

export type ImageErrorCode = 'not-an-image' | 'too-large' | 'too-many-pixels' | 'undecodable';

export interface ImageError {
  code: ImageErrorCode;
  message: string;
}

/** Bigger files are refused before they are read: a photo straight off a phone is under this. */
export const MAX_IMAGE_FILE_BYTES = 30 * 1024 * 1024;
/** Decoding takes 4 bytes a pixel: 50 megapixels is 200 MB of memory already. */
export const MAX_IMAGE_PIXELS = 50_000_000;

export function imageError(code: ImageErrorCode, name: string): ImageError {
  const quoted = `“${name}”`;
  const messages: Record<ImageErrorCode, string> = {
    'not-an-image': `${quoted} is not an image Nook can read: attach a PNG, JPEG, WebP or GIF (or HEIC, where the browser opens it).`,
    'too-large': `${quoted} is larger than ${MAX_IMAGE_FILE_BYTES / 1024 / 1024} MB; attach a smaller image.`,
    'too-many-pixels': `${quoted} has more than ${MAX_IMAGE_PIXELS / 1_000_000} megapixels; attach a smaller image.`,
    undecodable: `${quoted} could not be opened: it is damaged, or this browser cannot decode its format. Try saving it as PNG or JPEG.`,
  };
  return { code, message: messages[code] };
}

export class ImageFailure extends WorkerFailure<ImageError> {
  constructor(error: ImageError) {
    super(error, error.message);
  }
}
