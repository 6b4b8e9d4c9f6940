import { describe, expect, it } from 'vitest';
import { classifyError, EngineFailure } from './errors';

function named(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

describe('classifyError', () => {
  it('maps WebLLM error classes by name', () => {
    expect(classifyError(named('DeviceLostError', 'lost')).code).toBe('device-lost');
    expect(classifyError(named('ShaderF16SupportError', 'f16')).code).toBe(
      'shader-f16-unsupported',
    );
    expect(classifyError(named('WebGPUNotAvailableError', 'x')).code).toBe('webgpu-unavailable');
    expect(classifyError(named('ContextWindowSizeExceededError', 'x')).code).toBe(
      'context-window-exceeded',
    );
    expect(classifyError(new DOMException('stop', 'AbortError')).code).toBe('aborted');
    expect(classifyError(new WebAssembly.CompileError('expected magic word')).code).toBe(
      'model-library-invalid',
    );
  });

  it('names the model library when tvmjs cannot start it', () => {
    for (const message of [
      'Cannot find global function vm.builtin.paged_attention_kv_cache_create',
      'Cannot find TVMWasmAllocSpace,TVMWasmFreeSpace in exports',
      'Cannt detect wasm memory from imports [object Object] or exports[object Object]',
    ]) {
      expect(classifyError(new Error(message)).code).toBe('model-library-invalid');
    }
    expect(classifyError(new Error('Cannot find WebGPU in the environment')).code).toBe('unknown');
  });

  it("names the file when WebLLM's IndexedDB cache fails to fetch it", () => {
    const url = 'https://huggingface.co/mlc-ai/M/resolve/main/mlc-chat-config.json';
    const error = classifyError(
      new Error(`Failed to store ${url} with error: Error: Network response was not ok`),
    );
    expect(error).toMatchObject({ code: 'download-failed', url });
    expect(classifyError(new Error(`Cannot fetch ${url}`))).toMatchObject({ url });
  });

  it('tells a full disk from a failed download', () => {
    const error = new Error('Failed to store https://x/y with error: QuotaExceededError: full');
    expect(classifyError(error).code).toBe('quota-exceeded');
  });

  it('passes typed failures through and falls back to unknown', () => {
    const failure = new EngineFailure({ code: 'out-of-memory', detail: 'x' });
    expect(classifyError(failure)).toBe(failure.error);
    expect(classifyError('weird')).toEqual({ code: 'unknown', detail: 'weird' });
  });
});
