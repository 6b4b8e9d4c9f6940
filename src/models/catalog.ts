/**
 * The model catalog of both engines: WebLLM's prebuiltAppConfig records (built into the app;
 * the records are copied, never mutated) and the GGUF builds llama.cpp runs (ggufBuilds.ts). What
 * each model is, whether this device can run it, and which one to recommend. Pure functions.
 */
import type { ModelRecord } from '@mlc-ai/web-llm';
import type { GpuCapabilities } from './capabilities';
import type { EngineKind, EngineModel, GgufModel } from './engineModel';
import { GGUF_BUILDS, ggufBuildModel } from './ggufBuilds';
import { isImportedModelUrl } from './importedModel';

export interface Quantization {
  /** e.g. "q4f16_1" (an MLC build), "Q4_K_M" (a GGUF file) */
  code: string;
  weightBits: number;
  activation: 'f16' | 'f32';
}

export interface CatalogEntry {
  id: string;
  /** What the engine loads. */
  model: EngineModel;
  engine: EngineKind;
  /** Added by the user rather than taken from WebLLM's list. */
  custom: boolean;
  family: string;
  /** Parameter count in billions, where the id says it. */
  paramsB: number | null;
  quantization: Quantization | null;
  needsShaderF16: boolean;
  /** Memory the model needs while it runs: the GPU's for WebLLM, the processor's for llama.cpp. */
  vramMB: number | null;
  contextWindow: number | null;
  lowResource: boolean;
  vision: boolean;
  /** The largest GPU buffer the model needs (WebLLM's buffer_size_required_bytes). */
  bufferBytes: number | null;
  /** Where its files download from (a URL), or null for one chosen from this computer. */
  downloadUrl: string | null;
}

/** The engines, as people know them. */
export const ENGINE_NAMES: Record<EngineKind, string> = { webllm: 'WebLLM', llamacpp: 'llama.cpp' };

/** "llama.cpp · CPU · 2 threads": which engine runs a model, and on what. */
export function runsOn(engine: EngineKind | undefined, device: string): string {
  return engine ? `${ENGINE_NAMES[engine]} · ${device}` : device;
}

export type Fit =
  { ok: true } | { ok: false; reason: 'needs-webgpu' | 'needs-shader-f16' | 'buffer-too-large' };

// WebLLM's ModelType enum (LLM = 0, embedding = 1, VLM = 2), compared by value so the UI thread
// need not load WebLLM. Vision models chat too, so they are listed, flagged.
const MODEL_TYPE_LLM = 0;
const MODEL_TYPE_EMBEDDING = 1;
const MODEL_TYPE_VLM = 2;

const FAMILIES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^DeepSeek-R1-Distill/i, 'DeepSeek-R1 distills'],
  [/^TinyLlama/i, 'TinyLlama'],
  [/^Hermes/i, 'Hermes'],
  [/Llama/i, 'Llama'],
  [/^Qwen/i, 'Qwen'],
  [/^Phi/i, 'Phi'],
  [/^gemma/i, 'Gemma'],
  [/^SmolLM/i, 'SmolLM'],
  [/^(Mistral|Ministral)/i, 'Mistral'],
  [/^stablelm/i, 'StableLM'],
  [/^OLMo/i, 'OLMo'],
  [/^RedPajama/i, 'RedPajama'],
];

function familyOf(id: string): string {
  return FAMILIES.find(([pattern]) => pattern.test(id))?.[1] ?? 'Other';
}

// Parameter counts (billions) of models whose ids do not say them, from their model cards.
const UNSTATED_PARAMS: ReadonlyArray<readonly [RegExp, number]> = [
  [/^Phi-3\.5-vision/i, 4.2],
  [/^Phi-(3|3\.5|4)-mini/i, 3.8],
  [/^phi-2/i, 2.7],
  [/^phi-1_5/i, 1.3],
];

function paramsOf(id: string): number | null {
  // "1.5B", "360M", Gemma's "E2B" (effective parameters), StableLM's "1_6b".
  const match = /(?:^|[-_])E?(\d+(?:[._]\d+)?)([BM])(?=[-_]|$)/i.exec(id);
  if (!match?.[1] || !match[2]) {
    return UNSTATED_PARAMS.find(([pattern]) => pattern.test(id))?.[1] ?? null;
  }
  const n = Number(match[1].replace('_', '.'));
  return match[2].toUpperCase() === 'M' ? n / 1000 : n;
}

function quantizationOf(id: string): Quantization | null {
  const match = /-(q(\d)(f16|f32|bf16)(?:_\d)?)(?:-|$)/.exec(id);
  if (!match?.[1] || !match[2] || !match[3]) return null;
  return {
    code: match[1],
    weightBits: Number(match[2]),
    activation: match[3] === 'f32' ? 'f32' : 'f16',
  };
}

/** GGUF quantizations by file name: Q4_K_M, Q8_0, IQ4_XS, F16… (llama.cpp computes in f32 on the CPU). */
function ggufQuantizationOf(name: string): Quantization | null {
  const match =
    /(?:^|[-_.])((I?Q(\d)_[A-Z0-9]+(?:_[A-Z0-9]+)*)|(B?F(16|32)))(?=\.gguf$|[-_.]|$)/i.exec(name);
  if (!match?.[1]) return null;
  const bits = Number(match[3] ?? match[5]);
  return { code: match[1].toUpperCase(), weightBits: bits, activation: 'f32' };
}

/** `name` is what describes the model (its id, or a custom model's folder name). */
export function toCatalogEntry(record: ModelRecord, name = record.model_id): CatalogEntry {
  const folder = name.replace(/\/+$/, '').split('/').pop() ?? name;
  const quantization = quantizationOf(folder);
  const context = record.overrides?.context_window_size;
  return {
    id: record.model_id,
    model: { engine: 'webllm', record },
    engine: 'webllm',
    custom: false,
    family: familyOf(folder),
    paramsB: paramsOf(folder),
    quantization,
    needsShaderF16:
      (record.required_features?.includes('shader-f16') ?? false) ||
      quantization?.activation === 'f16',
    vramMB: record.vram_required_MB ?? null,
    contextWindow: typeof context === 'number' ? context : null,
    lowResource: record.low_resource_required ?? false,
    vision: record.model_type === MODEL_TYPE_VLM,
    bufferBytes: record.buffer_size_required_bytes ?? null,
    // An MLC folder chosen on this computer has only made-up addresses: nothing to download.
    downloadUrl: isImportedModelUrl(record.model) ? null : record.model,
  };
}

/**
 * Memory a GGUF model takes per byte of its file, roughly: the weights, plus the KV cache and
 * compute buffers of a 4,096-token context (about a fifth more for the small models here).
 */
const GGUF_MEMORY_PER_FILE_BYTE = 1.2;

/**
 * A GGUF model for llama.cpp; `name` describes it (a file name or the name it was given), from
 * which its family, size and quantization are read the same way as WebLLM's ids.
 */
export function ggufCatalogEntry(model: GgufModel, name: string): CatalogEntry {
  const base = name.replace(/\.gguf$/i, '');
  return {
    id: model.id,
    model,
    engine: 'llamacpp',
    custom: false,
    family: familyOf(base),
    paramsB: paramsOf(base),
    quantization: ggufQuantizationOf(name),
    // llama.cpp runs on the CPU wherever WebGPU cannot carry it.
    needsShaderF16: false,
    vramMB: model.bytes ? Math.round((model.bytes / 2 ** 20) * GGUF_MEMORY_PER_FILE_BYTE) : null,
    contextWindow: model.contextWindow,
    lowResource: false,
    vision: false,
    bufferBytes: null,
    downloadUrl: model.url ?? null,
  };
}

/** Every chat model (LLMs and vision LLMs) of the records, in their original order. */
export function buildCatalog(records: readonly ModelRecord[]): CatalogEntry[] {
  return records
    .filter((r) => (r.model_type ?? MODEL_TYPE_LLM) !== MODEL_TYPE_EMBEDDING)
    .map((record) => toCatalogEntry(record));
}

/** The GGUF builds Nook offers for llama.cpp, smallest first. */
export const GGUF_CATALOG: readonly CatalogEntry[] = GGUF_BUILDS.map((build) =>
  ggufCatalogEntry(ggufBuildModel(build), build.id),
);

/**
 * The engine a device runs best, before anything is measured: WebLLM on WebGPU; llama.cpp on the
 * processor, where WebLLM cannot run at all.
 */
export function deviceEngine(gpu: GpuCapabilities): EngineKind {
  return gpu.status === 'available' ? 'webllm' : 'llamacpp';
}

export function assessFit(entry: CatalogEntry, gpu: GpuCapabilities): Fit {
  // Without WebGPU, llama.cpp runs on the processor; WebLLM cannot run at all.
  if (gpu.status !== 'available') {
    return entry.model.engine === 'llamacpp' ? { ok: true } : { ok: false, reason: 'needs-webgpu' };
  }
  if (entry.needsShaderF16 && !gpu.shaderF16) return { ok: false, reason: 'needs-shader-f16' };
  const buffer = entry.bufferBytes;
  if (buffer !== null && buffer > gpu.maxStorageBufferBindingSize) {
    return { ok: false, reason: 'buffer-too-large' };
  }
  return { ok: true };
}

const INSTRUCT = /instruct|-it-|chat/i;

/** Roughly how much a model downloads: its parameters at their stored precision, plus ~10%. */
export function estimateDownloadMB(entry: CatalogEntry): number | null {
  // A GGUF is one file, whose size is often known exactly.
  if (entry.model.engine === 'llamacpp' && entry.model.bytes) return entry.model.bytes / 1024 ** 2;
  if (entry.paramsB === null || !entry.quantization) return null;
  const { weightBits, activation } = entry.quantization;
  const bits = weightBits > 0 ? weightBits + 0.5 : activation === 'f16' ? 16 : 32;
  return entry.paramsB * 1000 * (bits / 8) * 1.1;
}

/** In plain words: "4-bit weights, 16-bit math". */
export function describeQuantization(q: Quantization): string {
  const weights = q.weightBits === 0 ? 'unquantized' : `${q.weightBits}-bit`;
  return `${weights} weights, ${q.activation === 'f16' ? '16' : '32'}-bit math`;
}

/** A warning when the model likely needs more memory than the device has (where the browser says). */
export function memoryWarning(
  entry: CatalogEntry,
  deviceMemoryGB: number | undefined,
): string | null {
  if (!deviceMemoryGB || entry.vramMB === null) return null;
  // GPU memory is shared with the system on most devices; leave room for the OS and the browser.
  if (entry.vramMB <= deviceMemoryGB * 1024 * 0.6) return null;
  return `Likely too big for this device (it reports about ${deviceMemoryGB} GB of memory).`;
}

/**
 * A small, fast chat model this device can run on its engine: an instruct model of 0.5-1.5B
 * parameters with 4-bit weights, the closest to 1B, then the least memory.
 */
export function recommendModel(
  catalog: readonly CatalogEntry[],
  gpu: GpuCapabilities,
): CatalogEntry | undefined {
  const engine = deviceEngine(gpu);
  const candidates = catalog.filter(
    (e) =>
      e.engine === engine &&
      !e.custom &&
      assessFit(e, gpu).ok &&
      INSTRUCT.test(e.id) &&
      e.quantization?.weightBits === 4 &&
      e.paramsB !== null &&
      e.paramsB >= 0.5 &&
      e.paramsB <= 1.5,
  );
  const score = (e: CatalogEntry) => Math.abs((e.paramsB ?? 0) - 1);
  return [...candidates].sort(
    (a, b) => score(a) - score(b) || (a.vramMB ?? Infinity) - (b.vramMB ?? Infinity),
  )[0];
}

/**
 * Up to three smaller chat models for the same engine this device can run, largest first: what to
 * try after running out of memory.
 */
export function smallerModels(
  catalog: readonly CatalogEntry[],
  failed: CatalogEntry,
  gpu: GpuCapabilities,
): CatalogEntry[] {
  const limit = (failed.vramMB ?? Infinity) * 0.7;
  return catalog
    .filter(
      (e) =>
        e.engine === failed.engine &&
        e.vramMB !== null &&
        e.vramMB <= limit &&
        INSTRUCT.test(e.id) &&
        e.quantization?.weightBits === 4 &&
        assessFit(e, gpu).ok,
    )
    .sort((a, b) => (b.vramMB ?? 0) - (a.vramMB ?? 0))
    .slice(0, 3);
}

/** WebLLM's embedding models (for searching documents by meaning), smallest first. */
export function embeddingRecords(records: readonly ModelRecord[]): ModelRecord[] {
  return records
    .filter((r) => r.model_type === MODEL_TYPE_EMBEDDING)
    .sort((a, b) => (a.vram_required_MB ?? 0) - (b.vram_required_MB ?? 0));
}

/** The vision models this device can run, smallest first: what to offer when a chat has images. */
export function visionModels(
  catalog: readonly CatalogEntry[],
  gpu: GpuCapabilities,
): CatalogEntry[] {
  return catalog
    .filter((e) => e.vision && assessFit(e, gpu).ok)
    .sort((a, b) => (a.vramMB ?? Infinity) - (b.vramMB ?? Infinity));
}
