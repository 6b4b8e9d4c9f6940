/**
 * How a vision model sees an image, as WebLLM computes it for the vision models in its catalog
 * (Phi-3.5-vision, model_type "phi3_v"): the size the image is resized to before it is embedded
 * (LLMChatPipeline.calculateResizeShape, after mlc-llm's vlm_utils.cc), and how many tokens of the
 * context window its embedding takes (LLMChatPipeline.computeImageEmbedSize). The count depends on
 * the image's shape only, not on its resolution: a square image takes 2,509 tokens whatever its size.
 * Pure, so the scripted engine, the prompt budget and the image scaler share one copy.
 */

/** phi3_v cuts the resized image into tiles of this many pixels a side… */
const TILE = 336;
/** …at most this many of them. */
const MAX_TILES = 16;
/** Each tile becomes 12 × 12 patches, each row ending with a separator token. */
const PATCHES = 12;

/** [height, width] the model resizes an image to (calculateResizeShape, phi3_v). */
export function visionResizeShape(height: number, width: number): [number, number] {
  const ratio = width / height;
  let scale = 1;
  while (scale * Math.ceil(scale / ratio) <= MAX_TILES) scale += 1;
  scale -= 1;
  const resizedWidth = scale * TILE;
  return [Math.floor(resizedWidth / ratio), resizedWidth];
}

/** Tokens an image of this size takes in the prompt (computeImageEmbedSize, phi3_v). */
export function imageEmbedTokens(height: number, width: number): number {
  const [resizedHeight, resizedWidth] = visionResizeShape(height, width);
  const tileRows = Math.ceil(resizedHeight / TILE);
  const tileColumns = Math.floor(resizedWidth / TILE);
  const tiles = tileRows * PATCHES * (tileColumns * PATCHES + 1);
  const overview = PATCHES * (PATCHES + 1);
  return tiles + 1 + overview;
}

/**
 * The size to store an image at: no larger than the model resizes it to (more pixels would be
 * thrown away), never enlarged, the shape kept.
 */
export function visionStoreSize(width: number, height: number): { width: number; height: number } {
  const [, resizedWidth] = visionResizeShape(height, width);
  const scale = Math.min(1, resizedWidth / width);
  return {
    width: Math.max(1, Math.round(width * scale)),
    height: Math.max(1, Math.round(height * scale)),
  };
}
