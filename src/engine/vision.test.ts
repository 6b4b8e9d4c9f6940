import { describe, expect, it } from 'vitest';
import { imageEmbedTokens, visionResizeShape, visionStoreSize } from './vision';

describe('how phi3_v sees an image (WebLLM LLMChatPipeline)', () => {
  it('resizes a square image to 4 × 4 tiles of 336 pixels', () => {
    expect(visionResizeShape(100, 100)).toEqual([1344, 1344]);
    expect(visionResizeShape(4000, 4000)).toEqual([1344, 1344]);
  });

  it('counts the tokens of an image by its shape, not its resolution', () => {
    // 4 × 12 × (4 × 12 + 1) tile tokens, 1 separator, 12 × 13 for the overview.
    expect(imageEmbedTokens(100, 100)).toBe(2509);
    expect(imageEmbedTokens(3000, 3000)).toBe(2509);
    // 16:9: 5 tiles across, 945 pixels padded to 3 tiles down.
    expect(visionResizeShape(1080, 1920)).toEqual([945, 1680]);
    expect(imageEmbedTokens(1080, 1920)).toBe(3 * 12 * 61 + 1 + 156);
  });

  it('stores an image no larger than the model uses, and never enlarges it', () => {
    expect(visionStoreSize(4032, 3024)).toEqual({ width: 1344, height: 1008 });
    expect(visionStoreSize(640, 480)).toEqual({ width: 640, height: 480 });
  });
});
