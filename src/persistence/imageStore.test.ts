import { describe, expect, it } from 'vitest';
import {
  deleteImages,
  IMAGE_RECORD_VERSION,
  loadImage,
  readImageRecord,
  saveImage,
  storedImageBytes,
  storedImageIds,
  type StoredImage,
} from './imageStore';

const image = (size: number): StoredImage => ({
  type: 'image/png',
  width: 2,
  height: 3,
  bytes: new Uint8Array(size).fill(7).buffer,
});

describe('the image store', () => {
  it('keeps images by id, counts their bytes and deletes them', async () => {
    await saveImage('a', image(10));
    await saveImage('b', image(5));
    expect((await loadImage('a'))?.bytes.byteLength).toBe(10);
    expect((await storedImageIds()).sort()).toEqual(['a', 'b']);
    expect(await storedImageBytes()).toBe(15);
    await deleteImages(['a']);
    expect(await loadImage('a')).toBeNull();
    expect(await storedImageIds()).toEqual(['b']);
  });

  it('reads only records it understands', () => {
    const good = { v: IMAGE_RECORD_VERSION, ...image(4) };
    expect(readImageRecord(good)).toMatchObject({ type: 'image/png', width: 2, height: 3 });
    expect(readImageRecord({ ...good, v: IMAGE_RECORD_VERSION + 1 })).toBeNull();
    expect(readImageRecord({ ...good, type: 'text/html' })).toBeNull();
    expect(readImageRecord({ ...good, width: 0 })).toBeNull();
    expect(readImageRecord({ ...good, bytes: 'data:image/png;base64,AAAA' })).toBeNull();
    expect(readImageRecord({ ...good, bytes: new ArrayBuffer(0) })).toBeNull();
    expect(readImageRecord(null)).toBeNull();
  });
});
