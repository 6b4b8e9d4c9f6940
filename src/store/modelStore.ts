/**
 * The persisted model settings: custom models the user added (self-hosted or intranet mirrors)
 * and what Nook learned about downloaded models. Saved in IndexedDB like the chats.
 */
import { isRecord } from '../lib/isRecord';
import { createPersistedStore } from './persistedStore';
import { restored } from './preserve';
import { isSafeKey } from './schema';

export interface CustomModel {
  /** The WebLLM model_id: "custom:" and a slug of the name. */
  id: string;
  name: string;
  /** Folder with mlc-chat-config.json and the weight shards (WebLLM adds resolve/main/ unless present). */
  modelUrl: string;
  modelLibUrl: string;
  vramMB?: number;
  contextWindow?: number;
  /** Subresource-integrity hashes, checked by WebLLM where given. */
  integrity?: { config?: string; model_lib?: string };
  addedAt: number;
}

const CUSTOM_MODEL_FIELDS: Record<keyof CustomModel, true> = {
  id: true,
  name: true,
  modelUrl: true,
  modelLibUrl: true,
  vramMB: true,
  contextWindow: true,
  integrity: true,
  addedAt: true,
};

export interface PersistedModelState {
  customModels: Record<string, CustomModel>;
}

export const MODEL_STATE_VERSION = 1;

const optionalNumber = (v: unknown) =>
  typeof v === 'number' && Number.isFinite(v) && v > 0 ? v : undefined;

function restoreCustomModel(value: unknown): CustomModel | null {
  if (!isRecord(value)) return null;
  const { id, name, modelUrl, modelLibUrl, addedAt } = value;
  if (typeof id !== 'string' || !isSafeKey(id) || typeof name !== 'string') return null;
  if (typeof modelUrl !== 'string' || typeof modelLibUrl !== 'string') return null;
  const model: CustomModel = {
    id,
    name,
    modelUrl,
    modelLibUrl,
    addedAt: typeof addedAt === 'number' ? addedAt : 0,
  };
  const vramMB = optionalNumber(value.vramMB);
  if (vramMB) model.vramMB = vramMB;
  const contextWindow = optionalNumber(value.contextWindow);
  if (contextWindow) model.contextWindow = Math.round(contextWindow);
  if (isRecord(value.integrity)) {
    const { config, model_lib } = value.integrity;
    model.integrity = {
      ...(typeof config === 'string' && { config }),
      ...(typeof model_lib === 'string' && { model_lib }),
    };
  }
  return restored(value, model, CUSTOM_MODEL_FIELDS);
}

export function restoreModelState(persisted: unknown): PersistedModelState {
  const customModels: Record<string, CustomModel> = {};
  if (isRecord(persisted) && isRecord(persisted.customModels)) {
    for (const value of Object.values(persisted.customModels)) {
      const model = restoreCustomModel(value);
      if (model) customModels[model.id] = model;
    }
  }
  return { ...(isRecord(persisted) && persisted), customModels };
}

const modelStore = createPersistedStore<PersistedModelState>({
  name: 'nook-models',
  version: MODEL_STATE_VERSION,
  initial: { customModels: {} },
  restore: restoreModelState,
  storage: { debounceMs: 0 },
});

export const useModelStore = modelStore.useStore;
export const modelHydration = modelStore.hydration;
