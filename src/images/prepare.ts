/**
 * Turns a file into the image Nook stores and sends: checked by its bytes, decoded by the browser
 * (a GIF's first frame; HEIC where the browser decodes it; EXIF orientation applied), scaled down
 * to the size vision models resize to (engine/vision.ts), and re-encoded, which also drops
 * metadata such as the place a photo was taken. Needs createImageBitmap and OffscreenCanvas:
 * runs in the image worker, so a 12-megapixel photo never stalls the page.
 */
import { visionStoreSize } from '../engine/vision';
import type { StoredImageType } from '../lib/imageTypes';
import { sha256Hex } from '../lib/sha256';
import { SNIFF_BYTES, sniffImage } from './detect';
import { imageError, ImageFailure, MAX_IMAGE_FILE_BYTES, MAX_IMAGE_PIXELS } from './errors';

export interface PreparedImage {
  /** The SHA-256 of `bytes`, in hex. */
  id: string;
  type: StoredImageType;
  width: number;
  height: number;
  bytes: ArrayBuffer;
}

/** Photos compress well as JPEG at this quality; text in screenshots stays legible. */
const JPEG_QUALITY = 0.9;

const fail = (code: Parameters<typeof imageError>[0], name: string) =>
  new ImageFailure(imageError(code, name));

function hasTransparency(context: OffscreenCanvasRenderingContext2D, w: number, h: number) {
  const { data } = context.getImageData(0, 0, w, h);
  for (let i = 3; i < data.length; i += 4) if (data[i] !== 255) return true;
  return false;
}

export async function prepareImage(file: Blob, name: string): Promise<PreparedImage> {
  if (file.size > MAX_IMAGE_FILE_BYTES) throw fail('too-large', name);
  const head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  if (!sniffImage(head)) throw fail('not-an-image', name);
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file);
  } catch {
    throw fail('undecodable', name);
  }
  try {
    if (bitmap.width * bitmap.height > MAX_IMAGE_PIXELS) throw fail('too-many-pixels', name);
    const { width, height } = visionStoreSize(bitmap.width, bitmap.height);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d');
    if (!context) throw fail('undecodable', name);
    context.imageSmoothingQuality = 'high';
    context.drawImage(bitmap, 0, 0, width, height);
    const type: StoredImageType = hasTransparency(context, width, height)
      ? 'image/png'
      : 'image/jpeg';
    const encoded = await canvas.convertToBlob({ type, quality: JPEG_QUALITY });
    const bytes = await encoded.arrayBuffer();
    return { id: await sha256Hex(bytes), type, width, height, bytes };
  } finally {
    bitmap.close();
  }
}
