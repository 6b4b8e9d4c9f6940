/**
 * The persisted model settings: models the user added, for WebLLM (an MLC build on their own or
 * an intranet server) and for llama.cpp (a GGUF file). Declared once with valibot and read by the
 * same lenient reader as the chats (store/schemaReader.ts), so fields a newer version adds survive
 * an older tab. Saved in IndexedDB like the chats.
 */
import * as v from 'valibot';
import { createPersistedStore } from './persistedStore';
import { IdSchema, isSafeKey } from './schema';
import { readLenient, restoreAs } from './schemaReader';

const KeyId = v.pipe(IdSchema, v.check(isSafeKey));
const Name = v.pipe(v.string(), v.minLength(1));
const Url = v.pipe(v.string(), v.minLength(1));
const AddedAt = restoreAs(v.pipe(v.number(), v.finite()), 0);
/** A size a user or a file gave: a positive number, else left out. */
const Positive = v.pipe(
  v.number(),
  v.check((n) => Number.isFinite(n) && n > 0),
);
const Tokens = v.pipe(Positive, v.transform(Math.round));

/** A WebLLM model the user added. */
const CustomModelSchema = v.object({
  /** The WebLLM model_id: "custom:" and a slug of the name. */
  id: KeyId,
  name: Name,
  /** Folder with mlc-chat-config.json and the weight shards (WebLLM adds resolve/main/ unless present). */
  modelUrl: Url,
  modelLibUrl: Url,
  vramMB: v.optional(Positive),
  contextWindow: v.optional(Tokens),
  /** Subresource-integrity hashes, checked by WebLLM where given. */
  integrity: v.optional(
    v.object({ config: v.optional(v.string()), model_lib: v.optional(v.string()) }),
  ),
  /**
   * The folder on this computer the model came from, by name; its files then live only in
   * WebLLM's cache, under made-up URLs (models/importedModel.ts). An optional field, so no new
   * version: an older tab keeps it as it is.
   */
  folderName: v.optional(v.string()),
  addedAt: AddedAt,
});

/** A GGUF model the user added, for llama.cpp: from a URL, or a file from this computer. */
const GgufCustomModelSchema = v.object({
  /** "gguf:" and a slug of the name. */
  id: KeyId,
  name: Name,
  /** Where the file downloads from; absent for a file chosen from this computer. */
  url: v.optional(Url),
  /** The file's name, as it was on the server or on this computer. */
  fileName: v.optional(v.string()),
  /** The file's size, once known. */
  bytes: v.optional(Positive),
  contextWindow: v.optional(Tokens),
  addedAt: AddedAt,
});

const keyedById = <T extends { id: string }>(models: Record<string, T>) =>
  Object.fromEntries(Object.values(models).map((m) => [m.id, m]));

const ModelStateSchema = v.object({
  customModels: restoreAs(v.pipe(v.record(KeyId, CustomModelSchema), v.transform(keyedById)), {}),
  ggufModels: restoreAs(v.pipe(v.record(KeyId, GgufCustomModelSchema), v.transform(keyedById)), {}),
});

export type CustomModel = v.InferOutput<typeof CustomModelSchema>;
export type GgufCustomModel = v.InferOutput<typeof GgufCustomModelSchema>;
export type PersistedModelState = v.InferOutput<typeof ModelStateSchema>;

/** No step yet: version 1 data gains GGUF models as a field an older tab keeps as it is. */
export const MODEL_STATE_VERSION = 1;

const emptyModelState: PersistedModelState = { customModels: {}, ggufModels: {} };

export function restoreModelState(persisted: unknown): PersistedModelState {
  return readLenient(ModelStateSchema, persisted) ?? emptyModelState;
}

const modelStore = createPersistedStore<PersistedModelState>({
  name: 'nook-models',
  version: MODEL_STATE_VERSION,
  initial: emptyModelState,
  restore: restoreModelState,
  storage: { debounceMs: 0 },
});

export const useModelStore = modelStore.useStore;

/** A model the user added, of either engine. */
export function addedModel(
  state: PersistedModelState,
  id: string,
): CustomModel | GgufCustomModel | undefined {
  return Object.hasOwn(state.customModels, id)
    ? state.customModels[id]
    : Object.hasOwn(state.ggufModels, id)
      ? state.ggufModels[id]
      : undefined;
}
export const modelHydration = modelStore.hydration;
export const commitModels = modelStore.commit;
