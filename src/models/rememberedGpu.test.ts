// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { GpuCapabilities } from './capabilities';
import { rememberedGpu, rememberGpu } from './rememberedGpu';

const swiftShader: GpuCapabilities = {
  status: 'available',
  adapter: { vendor: 'google', architecture: 'swiftshader', device: '', description: '' },
  shaderF16: false,
  maxStorageBufferBindingSize: 134_217_728,
  maxBufferSize: 268_435_456,
  features: ['float32-filterable'],
};

afterEach(() => localStorage.clear());

describe('the remembered GPU probe', () => {
  it('gives back what the last visit found, available or not', () => {
    expect(rememberedGpu()).toBeNull();
    rememberGpu(swiftShader);
    expect(rememberedGpu()).toEqual(swiftShader);
    rememberGpu({ status: 'unavailable', reason: 'no-adapter' });
    expect(rememberedGpu()).toEqual({ status: 'unavailable', reason: 'no-adapter' });
  });

  it('ignores what does not have the shape of an answer, so the probe answers instead', () => {
    for (const stored of [
      '{not json',
      'null',
      '{"status":"available"}',
      JSON.stringify({ ...swiftShader, features: 'all' }),
      JSON.stringify({ status: 'unavailable', reason: 'bored' }),
    ]) {
      localStorage.setItem('nook-gpu-probe', stored);
      expect(rememberedGpu()).toBeNull();
    }
  });

  it('does without storage that refuses', () => {
    vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    expect(() => rememberGpu(swiftShader)).not.toThrow();
    vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    expect(rememberedGpu()).toBeNull();
  });
});
