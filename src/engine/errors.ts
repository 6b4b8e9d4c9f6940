/**
 * Engine errors as typed codes. The worker classifies whatever WebLLM, WebGPU or the network threw
 * into one of these; the UI maps codes to words in one table (src/ui/errorMessages.ts).
 * Must not import the store or any view.
 */
import { WorkerFailure } from '../workers/failure';

/** Every code the UI has words for (src/ui/errorMessages.ts), and stored replies may carry. */
export const ENGINE_ERROR_CODES = [
  'webgpu-unavailable',
  'shader-f16-unsupported',
  'out-of-memory',
  'device-lost',
  'download-failed',
  'model-library-invalid',
  'model-file-invalid',
  'model-unsupported',
  'engine-unsupported',
  'engine-crashed',
  'network-offline',
  'quota-exceeded',
  'context-window-exceeded',
  'images-unsupported',
  'model-not-loaded',
  'aborted',
  'worker-crashed',
  'unknown',
] as const;
export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export interface EngineError {
  code: EngineErrorCode;
  /** Technical detail for the "details" disclosure: the library's own message, a URL, a status. */
  detail: string;
  /** For download failures: the file that could not be fetched and how the server answered. */
  url?: string;
  httpStatus?: number;
}

export class EngineFailure extends WorkerFailure<EngineError> {
  constructor(error: EngineError) {
    super(error, `${error.code}: ${error.detail}`);
  }
}

const byErrorName: Record<string, EngineErrorCode> = {
  WebGPUNotAvailableError: 'webgpu-unavailable',
  WebGPUNotFoundError: 'webgpu-unavailable',
  ShaderF16SupportError: 'shader-f16-unsupported',
  FeatureSupportError: 'shader-f16-unsupported',
  DeviceLostError: 'device-lost',
  ContextWindowSizeExceededError: 'context-window-exceeded',
  // A request with images for a model that cannot see (postInitAndCheckFields, getInputData).
  UserMessageContentErrorForNonVLM: 'images-unsupported',
  UnsupportedContentPartError: 'images-unsupported',
  CannotFindImageEmbedError: 'images-unsupported',
  ModelNotLoadedError: 'model-not-loaded',
  EngineNotLoadedError: 'model-not-loaded',
  WorkerEngineModelNotLoadedError: 'model-not-loaded',
  QuotaExceededError: 'quota-exceeded',
  AbortError: 'aborted',
  GPUOutOfMemoryError: 'out-of-memory',
  CompileError: 'model-library-invalid',
  LinkError: 'model-library-invalid',
};

/** Turns anything thrown into a typed error. Pure, so it is unit-tested without a worker. */
export function classifyError(err: unknown): EngineError {
  if (err instanceof EngineFailure) return err.error;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  const detail = err instanceof Error ? err.message : String(err);
  const code = byErrorName[name];
  if (code) return { code, detail };
  // WebLLM's caches wrap storage and network failures in messages that name the file.
  if (/quota/i.test(detail)) return { code: 'quota-exceeded', detail };
  const failedFile =
    /Failed to store (\S+) with error/.exec(detail) ??
    /Cannot fetch (\S+)/.exec(detail) ??
    /Unable to fetch (\S+?),/.exec(detail);
  if (failedFile?.[1]) return { code: 'download-failed', detail, url: failedFile[1] };
  if (/out of memory|OOM|allocation failed/i.test(detail)) return { code: 'out-of-memory', detail };
  // tvmjs (in WebLLM's lib/index.js) starting a library that lacks what this runtime calls: a
  // library for another WebLLM version, or not a TVM library (FFILibrary.checkExports and
  // detectWasmMemory, Instance.getGlobalFuncInternal).
  if (
    /^Cannot find global function |^Cannot find .* in exports$|^Cannt detect wasm memory/.test(
      detail,
    )
  ) {
    return { code: 'model-library-invalid', detail };
  }
  if (/device (was |is )?lost|GPUDevice.*lost/i.test(detail))
    return { code: 'device-lost', detail };
  if (err instanceof TypeError && /fetch|network/i.test(detail)) {
    return { code: 'download-failed', detail };
  }
  return { code: 'unknown', detail: detail || 'Unknown error' };
}
