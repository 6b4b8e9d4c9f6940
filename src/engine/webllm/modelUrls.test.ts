import { describe, expect, it } from 'vitest';
import { modelFilesBase, modelFileUrl } from './modelUrls';

describe('modelFilesBase', () => {
  it('adds resolve/main/ like WebLLM does', () => {
    expect(modelFilesBase('https://huggingface.co/mlc-ai/M')).toBe(
      'https://huggingface.co/mlc-ai/M/resolve/main/',
    );
    expect(modelFilesBase('http://intranet/models/M/')).toBe(
      'http://intranet/models/M/resolve/main/',
    );
  });

  it('keeps a branch that is already named', () => {
    expect(modelFilesBase('https://huggingface.co/mlc-ai/M/resolve/v2/')).toBe(
      'https://huggingface.co/mlc-ai/M/resolve/v2/',
    );
    expect(modelFileUrl('https://h/M', 'tensor-cache.json')).toBe(
      'https://h/M/resolve/main/tensor-cache.json',
    );
  });
});
