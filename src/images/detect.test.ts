import { describe, expect, it } from 'vitest';
import { sniffImage } from './detect';

const bytes = (...parts: (string | number[])[]) =>
  new Uint8Array(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );

describe('sniffImage', () => {
  it('knows each format by its first bytes', () => {
    expect(sniffImage(bytes([0x89], 'PNG\r\n'))).toBe('image/png');
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffImage(bytes('GIF89a'))).toBe('image/gif');
    expect(sniffImage(bytes('RIFF', [1, 2, 3, 4], 'WEBPVP8 '))).toBe('image/webp');
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypheic'))).toBe('image/heic');
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypmif1'))).toBe('image/heic');
  });

  it('refuses what is not an image, whatever its name says', () => {
    expect(sniffImage(bytes('%PDF-1.7'))).toBeNull();
    expect(sniffImage(bytes('<svg xmlns'))).toBeNull();
    expect(sniffImage(bytes([0, 0, 0, 24], 'ftypisom'))).toBeNull();
    expect(sniffImage(new Uint8Array())).toBeNull();
  });
});
