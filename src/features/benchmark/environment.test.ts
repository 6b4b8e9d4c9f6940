import { describe, expect, it } from 'vitest';
import { describeBrowser, describeDevice } from './environment';

const adapter = (vendor: string, architecture: string, description = '') => ({
  status: 'available' as const,
  adapter: { vendor, architecture, device: '', description },
  shaderF16: false,
  maxStorageBufferBindingSize: 2 ** 30,
  maxBufferSize: 2 ** 30,
  features: [],
});

describe('describeDevice', () => {
  it('names the adapter by vendor and architecture, with its description', () => {
    expect(describeDevice(adapter('google', 'swiftshader'))).toBe('google swiftshader');
    expect(describeDevice(adapter('apple', 'metal-3', 'Apple M2'))).toBe(
      'apple metal-3 (Apple M2)',
    );
    expect(describeDevice(adapter('', '', 'Some GPU'))).toBe('Some GPU');
    expect(describeDevice(null)).toBe('no WebGPU adapter');
  });
});

describe('describeBrowser', () => {
  it('prefers the client-hint brand that is not Chromium, skipping made-up brands', () => {
    expect(
      describeBrowser({
        userAgent: 'ignored',
        userAgentData: {
          brands: [
            { brand: 'Not)A;Brand', version: '8' },
            { brand: 'Chromium', version: '140' },
            { brand: 'Google Chrome', version: '140' },
          ],
          platform: 'Windows',
        },
      }),
    ).toBe('Google Chrome 140 on Windows');
  });

  it('names Chromium when it is the only brand', () => {
    expect(
      describeBrowser({
        userAgent: 'ignored',
        userAgentData: { brands: [{ brand: 'Chromium', version: '139' }] },
      }),
    ).toBe('Chromium 139');
  });

  it('reads the user agent string when there are no client hints', () => {
    expect(
      describeBrowser({
        userAgent:
          'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15',
      }),
    ).toBe('Safari 26.0');
    expect(
      describeBrowser({
        userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:141.0) Gecko/20100101 Firefox/141.0',
      }),
    ).toBe('Firefox 141');
    expect(
      describeBrowser({
        userAgent:
          'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36 Edg/140.0.0.0',
      }),
    ).toBe('Microsoft Edge 140');
  });
});
