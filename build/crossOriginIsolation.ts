/**
 * The headers that make the page cross-origin isolated, which SharedArrayBuffer (and so
 * llama.cpp's threads) needs. They must come as headers: a deployment sends them too (README).
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'credentialless',
} as const;
