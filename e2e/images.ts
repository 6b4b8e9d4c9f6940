/** Images for tests, made on the spot: a gradient (so JPEG re-encoding has work to do), and a cut-off one. */
import { png } from '../scripts/png.mjs';

/** An opaque RGB PNG of `width` × `height`: a diagonal gradient. */
export function gradientPng(width: number, height: number): Buffer {
  return png(width, height, (x, y) => [(x * 255) / width, (y * 255) / height, 160]);
}

/** A PNG cut off after its header: it says it is an image, and no browser can decode it. */
export function truncatedPng(): Buffer {
  return gradientPng(64, 64).subarray(0, 40);
}
