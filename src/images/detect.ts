/**
 * What kind of image a file is, by its first bytes rather than its name or the type the browser
 * guessed (a renamed file, a paste without a type). Pure.
 */
export type ImageKind = 'image/png' | 'image/jpeg' | 'image/webp' | 'image/gif' | 'image/heic';

/** How many bytes sniffImage needs. */
export const SNIFF_BYTES = 16;

const ascii = (bytes: Uint8Array, at: number, text: string) =>
  [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));

/** HEIF brands of still images (HEIC, and the generic image brands). */
const HEIF_BRANDS = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx', 'mif1', 'msf1'];

export function sniffImage(bytes: Uint8Array): ImageKind | null {
  if (bytes[0] === 0x89 && ascii(bytes, 1, 'PNG')) return 'image/png';
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  if (ascii(bytes, 0, 'GIF8')) return 'image/gif';
  if (ascii(bytes, 0, 'RIFF') && ascii(bytes, 8, 'WEBP')) return 'image/webp';
  if (ascii(bytes, 4, 'ftyp') && HEIF_BRANDS.some((brand) => ascii(bytes, 8, brand))) {
    return 'image/heic';
  }
  return null;
}
