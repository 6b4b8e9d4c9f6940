/** Property test for the custom model form: any input is either accepted well-formed or refused with words. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateCustomModel } from './customModelForm';

describe('custom model form', () => {
  it('never throws; accepted models have http(s) URLs and a custom id', () => {
    const text = fc.oneof(
      fc.string(),
      fc.webUrl(),
      fc.constantFrom('', ' ', 'javascript:alert(1)', 'http://x/a.wasm'),
    );
    fc.assert(
      fc.property(
        fc.record({
          name: text,
          source: fc.constantFrom('url' as const, 'folder' as const),
          folder: text,
          modelUrl: text,
          modelLibUrl: text,
          vramMB: text,
          contextWindow: text,
          configIntegrity: text,
          libIntegrity: text,
        }),
        (input) => {
          const result = validateCustomModel(input, {});
          if (!result.ok) {
            expect(
              Object.values(result.errors).every((e) => typeof e === 'string' && e.length > 0),
            ).toBe(true);
            return;
          }
          expect(result.model.id.startsWith('custom:')).toBe(true);
          for (const url of [result.model.modelUrl, result.model.modelLibUrl]) {
            expect(['http:', 'https:']).toContain(new URL(url).protocol);
          }
        },
      ),
      { numRuns: 400 },
    );
  });
});
