/**
 * Where WebLLM looks for a model's files. It appends "resolve/main/" to every model URL that does
 * not already name a branch (Hugging Face's layout), so a mirror must keep that layout too.
 * Mirrors WebLLM's internal cleanModelUrl, which it does not export.
 */
export function modelFilesBase(modelUrl: string): string {
  let url = modelUrl.endsWith('/') ? modelUrl : `${modelUrl}/`;
  if (!/.+\/resolve\/.+\//.test(url)) url += 'resolve/main/';
  return new URL(url).href;
}

export function modelFileUrl(modelUrl: string, file: string): string {
  return new URL(file, modelFilesBase(modelUrl)).href;
}

/**
 * The manifest that lists a model's weight shards: tensor-cache.json from 0.2.80 on,
 * ndarray-cache.json before. Both are looked for, the newer name first.
 */
export const SHARD_MANIFESTS = ['tensor-cache.json', 'ndarray-cache.json'] as const;
