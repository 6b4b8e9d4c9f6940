/**
 * Reads a GGUF file's header (gguf.md in ggml-org/llama.cpp: magic, version, metadata key-values,
 * tensor infos) straight from the Blob, a slice at a time, so a wrong, cut-off or damaged file is
 * named before llama.cpp is started on it (wllama's loadModel() resolves even for such a file, and
 * the first request then aborts the engine). Pure apart from reading the Blob.
 */

export type GgufProblem =
  /** Not a GGUF file at all (an HTML page, a Safetensors file, …); `start` is what it begins with. */
  | { kind: 'not-gguf'; start: string }
  | { kind: 'unsupported-version'; version: number }
  /** The header, or the tensor data it describes, goes past the end of the file. */
  | { kind: 'truncated'; expectedBytes: number | null; bytes: number };

export interface GgufHeader {
  version: number;
  architecture: string | null;
  name: string | null;
  /** `<architecture>.context_length`: the context the model was trained with. */
  contextLength: number | null;
  tensorCount: number;
  /** Where the file would end given its tensors (known types only), or null if none is known. */
  expectedBytes: number | null;
}

export type GgufReadResult = { ok: true; header: GgufHeader } | { ok: false; problem: GgufProblem };

const MAGIC = 'GGUF';
/** Headers hold the vocabulary (a few MB for 150,000 tokens); read in steps of this. */
const STEP = 1 << 20;

/** Value types (gguf_type) and the size of the fixed-size ones. */
const STRING = 8;
const ARRAY = 9;
const FIXED_SIZES: Record<number, number> = {
  0: 1, // uint8
  1: 1, // int8
  2: 2, // uint16
  3: 2, // int16
  4: 4, // uint32
  5: 4, // int32
  6: 4, // float32
  7: 1, // bool
  10: 8, // uint64
  11: 8, // int64
  12: 8, // float64
};

/**
 * Tensor types (ggml_type) as [elements per block, bytes per block], from gguf-py's
 * GGML_QUANT_SIZES; types not listed are left out of the size check rather than guessed at.
 */
const QUANT_SIZES: Record<number, readonly [number, number]> = {
  0: [1, 4], // F32
  1: [1, 2], // F16
  2: [32, 18], // Q4_0
  3: [32, 20], // Q4_1
  6: [32, 22], // Q5_0
  7: [32, 24], // Q5_1
  8: [32, 34], // Q8_0
  9: [32, 36], // Q8_1
  10: [256, 84], // Q2_K
  11: [256, 110], // Q3_K
  12: [256, 144], // Q4_K
  13: [256, 176], // Q5_K
  14: [256, 210], // Q6_K
  15: [256, 292], // Q8_K
  16: [256, 66], // IQ2_XXS
  17: [256, 74], // IQ2_XS
  18: [256, 98], // IQ3_XXS
  19: [256, 50], // IQ1_S
  20: [32, 18], // IQ4_NL
  21: [256, 110], // IQ3_S
  22: [256, 82], // IQ2_S
  23: [256, 136], // IQ4_XS
  24: [1, 1], // I8
  25: [1, 2], // I16
  26: [1, 4], // I32
  27: [1, 8], // I64
  28: [1, 8], // F64
  29: [256, 56], // IQ1_M
  30: [1, 2], // BF16
};

class EndOfFile extends Error {}

/** Little-endian reads at a moving position, fetching more of the Blob as they go. */
class BlobCursor {
  private buffer = new Uint8Array(0);
  private view = new DataView(this.buffer.buffer);
  /** File offset of buffer[0]. */
  private base = 0;
  position = 0;

  constructor(private readonly blob: Blob) {}

  private async ensure(bytes: number): Promise<void> {
    const end = this.position + bytes;
    if (end > this.blob.size) throw new EndOfFile();
    if (end <= this.base + this.buffer.length) return;
    const from = this.position;
    const to = Math.min(this.blob.size, Math.max(end, from + STEP));
    this.buffer = new Uint8Array(await this.blob.slice(from, to).arrayBuffer());
    this.view = new DataView(this.buffer.buffer);
    this.base = from;
  }

  private async at(bytes: number): Promise<number> {
    await this.ensure(bytes);
    const offset = this.position - this.base;
    this.position += bytes;
    return offset;
  }

  async u32(): Promise<number> {
    return this.view.getUint32(await this.at(4), true);
  }

  async u64(): Promise<number> {
    return Number(this.view.getBigUint64(await this.at(8), true));
  }

  async bytes(length: number): Promise<Uint8Array> {
    const offset = await this.at(length);
    return this.buffer.subarray(offset, offset + length);
  }

  async string(): Promise<string> {
    const length = await this.u64();
    return new TextDecoder().decode(await this.bytes(length));
  }

  /** Moves past `length` bytes without reading them into memory at once. */
  async skip(length: number): Promise<void> {
    if (this.position + length > this.blob.size) throw new EndOfFile();
    this.position += length;
  }

  async value(type: number): Promise<unknown> {
    if (type === STRING) return this.string();
    if (type === 4) return this.u32();
    if (type === 10) return this.u64();
    const size = FIXED_SIZES[type];
    if (size === undefined) throw new Error(`unknown GGUF value type ${type}`);
    await this.skip(size);
    return undefined;
  }

  async skipValue(type: number): Promise<void> {
    if (type === ARRAY) {
      const itemType = await this.u32();
      const count = await this.u64();
      const size = FIXED_SIZES[itemType];
      if (size !== undefined) return this.skip(size * count);
      for (let i = 0; i < count; i++) await this.skipValue(itemType);
      return;
    }
    if (type === STRING) return this.skip(await this.u64());
    const size = FIXED_SIZES[type];
    if (size === undefined) throw new Error(`unknown GGUF value type ${type}`);
    await this.skip(size);
  }
}

function printable(bytes: Uint8Array): string {
  return [...bytes].map((b) => (b >= 32 && b < 127 ? String.fromCharCode(b) : '.')).join('');
}

export async function readGgufHeader(file: Blob): Promise<GgufReadResult> {
  const cursor = new BlobCursor(file);
  try {
    const magic = printable(await cursor.bytes(4));
    if (magic !== MAGIC) return { ok: false, problem: { kind: 'not-gguf', start: magic } };
  } catch (error) {
    if (!(error instanceof EndOfFile)) throw error;
    const start = printable(new Uint8Array(await file.slice(0, 4).arrayBuffer()));
    return { ok: false, problem: { kind: 'not-gguf', start } };
  }
  try {
    const version = await cursor.u32();
    if (version < 2 || version > 3) {
      return { ok: false, problem: { kind: 'unsupported-version', version } };
    }
    const tensorCount = await cursor.u64();
    const kvCount = await cursor.u64();
    const wanted = new Map<string, unknown>();
    let alignment = 32;
    for (let i = 0; i < kvCount; i++) {
      const key = await cursor.string();
      const type = await cursor.u32();
      const interesting =
        key === 'general.architecture' ||
        key === 'general.name' ||
        key === 'general.alignment' ||
        key.endsWith('.context_length');
      if (interesting && type !== ARRAY) wanted.set(key, await cursor.value(type));
      else await cursor.skipValue(type);
    }
    const alignmentValue = wanted.get('general.alignment');
    if (typeof alignmentValue === 'number' && alignmentValue > 0) alignment = alignmentValue;
    let dataEnd: number | null = null;
    for (let i = 0; i < tensorCount; i++) {
      await cursor.skip(await cursor.u64()); // name
      const dims = await cursor.u32();
      let elements = 1;
      for (let d = 0; d < dims; d++) elements *= await cursor.u64();
      const size = QUANT_SIZES[await cursor.u32()];
      const offset = await cursor.u64();
      if (size) dataEnd = Math.max(dataEnd ?? 0, offset + (elements / size[0]) * size[1]);
    }
    const dataStart = Math.ceil(cursor.position / alignment) * alignment;
    const expectedBytes = dataEnd === null ? null : dataStart + dataEnd;
    if (expectedBytes !== null && expectedBytes > file.size) {
      return { ok: false, problem: { kind: 'truncated', expectedBytes, bytes: file.size } };
    }
    const architecture = wanted.get('general.architecture');
    const name = wanted.get('general.name');
    const contextLength =
      typeof architecture === 'string' ? wanted.get(`${architecture}.context_length`) : undefined;
    return {
      ok: true,
      header: {
        version,
        architecture: typeof architecture === 'string' ? architecture : null,
        name: typeof name === 'string' ? name : null,
        contextLength: typeof contextLength === 'number' ? contextLength : null,
        tensorCount,
        expectedBytes,
      },
    };
  } catch (error) {
    if (!(error instanceof EndOfFile)) throw error;
    return { ok: false, problem: { kind: 'truncated', expectedBytes: null, bytes: file.size } };
  }
}
