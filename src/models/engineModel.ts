/**
 * What an engine loads, whichever engine it is: WebLLM's record or a GGUF file for llama.cpp.
 * Types only (and one pure function), so every layer may import them.
 */
import type { ModelRecord } from '@mlc-ai/web-llm';

/** The engines Nook runs: WebLLM (MLC builds, WebGPU) and llama.cpp through wllama (GGUF files). */
export type EngineKind = 'webllm' | 'llamacpp';

/** A model of WebLLM's: its record, as prebuiltAppConfig lists it or a custom model makes it. */
export interface WebLLMModel {
  engine: 'webllm';
  record: ModelRecord;
}

/** A GGUF model for llama.cpp, kept in Nook's own model store once downloaded or chosen. */
export interface GgufModel {
  engine: 'llamacpp';
  id: string;
  /** Where it downloads from; absent for a file chosen from this computer. */
  url?: string;
  /** Its size in bytes, where known before the download. */
  bytes?: number;
  /** Tokens the model is asked to read at once, at most (no more than it was trained for). */
  contextWindow: number;
}

export type EngineModel = WebLLMModel | GgufModel;

export function modelIdOf(model: EngineModel): string {
  return model.engine === 'webllm' ? model.record.model_id : model.id;
}
