// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { writeGguf } from '../../../scripts/make-gguf.mjs';
import { readGgufHeader } from './ggufHeader';

const blob = (bytes: Uint8Array) => new Blob([new Uint8Array(bytes)]);

describe('readGgufHeader', () => {
  it('reads the architecture, the name and the trained context, and checks the file is whole', async () => {
    const file = writeGguf({ ctx: 512, name: 'Tiny' }) as Uint8Array;
    const result = await readGgufHeader(blob(file));
    expect(result).toEqual({
      ok: true,
      header: expect.objectContaining({
        version: 3,
        architecture: 'llama',
        name: 'Tiny',
        contextLength: 512,
        tensorCount: 21,
      }),
    });
    if (result.ok) expect(result.header.expectedBytes).toBeLessThanOrEqual(file.length);
  });

  it('reads a quantized file the same way', async () => {
    const result = await readGgufHeader(blob(writeGguf({ type: 'q8_0' }) as Uint8Array));
    expect(result.ok).toBe(true);
  });

  it('names what is wrong with a file that is not a whole GGUF', async () => {
    const read = async (variant: 'html' | 'bad-magic' | 'truncated' | 'unknown-arch') =>
      readGgufHeader(blob(writeGguf({ variant }) as Uint8Array));
    expect(await read('html')).toEqual({ ok: false, problem: { kind: 'not-gguf', start: '<!DO' } });
    expect(await read('bad-magic')).toMatchObject({ ok: false, problem: { kind: 'not-gguf' } });
    expect(await read('truncated')).toMatchObject({
      ok: false,
      problem: { kind: 'truncated', expectedBytes: expect.any(Number) },
    });
    // An unknown architecture is a whole file: llama.cpp itself says it does not know it.
    expect(await read('unknown-arch')).toMatchObject({
      ok: true,
      header: { architecture: 'nookfake' },
    });
  });

  it('calls a file cut off inside its header truncated, and an empty one not a GGUF', async () => {
    const file = writeGguf({}) as Uint8Array;
    expect(await readGgufHeader(blob(file.subarray(0, 2000)))).toEqual({
      ok: false,
      problem: { kind: 'truncated', expectedBytes: null, bytes: 2000 },
    });
    expect(await readGgufHeader(blob(new Uint8Array()))).toEqual({
      ok: false,
      problem: { kind: 'not-gguf', start: '' },
    });
  });
});
