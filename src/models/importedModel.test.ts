import { describe, expect, it } from 'vitest';
import { importedLibraryUrl, importedModelUrl, isImportedModelUrl } from './importedModel';

describe('isImportedModelUrl', () => {
  it('knows the addresses of a model folder chosen on this computer', () => {
    expect(isImportedModelUrl(importedModelUrl('My model (q4f16_1)'))).toBe(true);
    expect(isImportedModelUrl(importedLibraryUrl('My model', 'model-webgpu.wasm'))).toBe(true);
  });

  it('does not take a download address for one, even one that names the host', () => {
    expect(isImportedModelUrl('https://huggingface.co/mlc-ai/Qwen3-0.6B-q4f16_1-MLC')).toBe(false);
    expect(isImportedModelUrl('https://example.com/imported.nook.invalid/resolve/main/')).toBe(
      false,
    );
    expect(isImportedModelUrl('not a url')).toBe(false);
  });
});
