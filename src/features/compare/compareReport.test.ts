import { describe, expect, it } from 'vitest';
import { columnFigures, compareToMarkdown, describeLoad, type ReportColumn } from './compareReport';

const stats = {
  promptTokens: 20,
  completionTokens: 1234,
  timeToFirstTokenS: 0.31,
  prefillTokensPerS: 500,
  decodeTokensPerS: 42.25,
  receivedTokensPerS: 40,
};

const answered: ReportColumn = {
  name: 'Llama 3.2 · 1B',
  modelId: 'Llama-3.2-1B-Instruct-q4f32_1-MLC',
  state: 'done',
  text: 'A rainbow | forms\n',
  stats,
  load: { seconds: 2.5, source: 'cache', runsOn: 'WebLLM · WebGPU' },
};

describe('compare figures', () => {
  it('says how long a load took and where the model came from', () => {
    expect(describeLoad({ seconds: 2.5, source: 'cache', runsOn: 'WebLLM · WebGPU' })).toBe(
      '2.5 s, from this device',
    );
    expect(describeLoad({ seconds: 61, source: 'network', runsOn: 'WebLLM · WebGPU' })).toBe(
      '61.0 s, downloaded',
    );
    expect(describeLoad({ seconds: 0, source: 'loaded', runsOn: 'WebLLM · WebGPU' })).toBe(
      'already loaded',
    );
  });

  it('lists the engine, load, first token, speed and tokens written', () => {
    expect(columnFigures(answered)).toEqual([
      { label: 'Runs on', value: 'WebLLM · WebGPU' },
      { label: 'Load', value: '2.5 s, from this device' },
      { label: 'First token', value: '310 ms' },
      { label: 'Speed', value: '42.3 tokens/s' },
      { label: 'Tokens written', value: '1,234' },
    ]);
  });

  it('writes the prompt, a row per model with every figure, the replies and where it ran', () => {
    const failed: ReportColumn = {
      name: 'Qwen3 · 8B · thinking',
      modelId: 'Qwen3-8B-q4f32_1-MLC',
      state: 'failed',
      text: '',
      error: { code: 'out-of-memory', detail: 'Out of GPU memory' },
    };
    const skipped: ReportColumn = { ...failed, state: 'skipped', error: undefined };
    const markdown = compareToMarkdown('Why is the sky blue?', [answered, failed, skipped], {
      device: 'google swiftshader',
      browser: 'Chromium 140 on Linux',
      at: Date.UTC(2026, 11, 1, 14, 5),
    });
    expect(markdown).toContain('**Prompt:** Why is the sky blue?');
    expect(markdown).toContain(
      '| Llama 3.2 · 1B | Llama-3.2-1B-Instruct-q4f32_1-MLC | answered | 2.5 s, from this device | 310 ms | 42.3 tokens/s | 1,234 |',
    );
    expect(markdown).toContain(
      '| Qwen3 · 8B · thinking | Qwen3-8B-q4f32_1-MLC | failed: Out of GPU memory | – | – | – | – |',
    );
    expect(markdown).toContain('| skipped |');
    expect(markdown).toContain('## Llama 3.2 · 1B\n\nA rainbow | forms\n');
    expect(markdown).not.toContain('## Qwen3');
    expect(markdown).toContain(
      'Device: google swiftshader · Browser: Chromium 140 on Linux · 2026-12-01 14:05 UTC',
    );
  });
});
