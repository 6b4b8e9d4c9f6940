/** The formats Nook stores images in (scaled images are re-encoded to one of them), and their ids. */
export const STORED_IMAGE_TYPES = ['image/jpeg', 'image/png'] as const;
export type StoredImageType = (typeof STORED_IMAGE_TYPES)[number];

export function storedImageType(value: unknown): StoredImageType | undefined {
  return STORED_IMAGE_TYPES.find((t) => t === value);
}

/** An image is named by the SHA-256 of its bytes, in hex. */
export const isImageId = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9a-f]{64}$/.test(value);

export const isDimension = (n: unknown): n is number => Number.isInteger(n) && (n as number) > 0;
