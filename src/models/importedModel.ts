/**
 * Where an MLC model imported from a folder on this computer "lives". WebLLM finds a model's files
 * only by URL: every file is a key in its cache (ArtifactIndexedDBCache, store "urls" keyed by
 * url; MLCEngine.reloadInternal, asyncLoadTokenizer and tvmjs fetchTensorCache all look files up
 * with fetchWithCache, whose addToCache fetches only a URL that isUrlInDB does not find). So an
 * imported model gets made-up, stable URLs under a host that can never resolve (".invalid",
 * RFC 6761), its files are written to the cache under them, and from then on WebLLM loads it from
 * the cache with no request. The URLs are only cache keys: no request is ever made to them while
 * the files are there, and the CSP would refuse one if they went missing.
 * Pure: every layer may import it.
 */

export const IMPORTED_MODEL_HOST = 'imported.nook.invalid';

/** The model URL (with WebLLM's "resolve/main/", so cleanModelUrl leaves it as it is). */
export function importedModelUrl(modelId: string): string {
  return `https://${IMPORTED_MODEL_HOST}/${encodeURIComponent(modelId)}/resolve/main/`;
}

/**
 * The library's URL, beside the model's files. It must start with "http" and not contain
 * "localhost": only then does MLCEngine.reloadInternal's fetchWasmSource read it from the cache
 * ("webllm/wasm") rather than fetch it every time.
 */
export function importedLibraryUrl(modelId: string, libraryName: string): string {
  return new URL(encodeURIComponent(libraryName), importedModelUrl(modelId)).href;
}

/** Whether a model's files can only come from this device's cache (an imported folder). */
export function isImportedModelUrl(url: string): boolean {
  // A prefix, not new URL(): the catalog asks this of every model as the app starts, and parsing
  // 150 URLs there took 8 ms of a first visit (measured here).
  return url.startsWith(`https://${IMPORTED_MODEL_HOST}/`);
}
