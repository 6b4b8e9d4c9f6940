/**
 * The rules of the "Add custom model" form, without React: turning what the user typed into a
 * CustomModel (or sentences saying what to fix), and reading hints from the model's
 * mlc-chat-config.json before it is saved.
 */
import { modelFileUrl } from '../../../engine/webllm/modelUrls';
import { importedLibraryUrl, importedModelUrl } from '../../../models/importedModel';
import type { CustomModel } from '../../../store/modelStore';
import {
  checkHttpUrl,
  CONTEXT_WINDOW_BOUNDS,
  nameError,
  optionalNumber,
  uniqueId,
  type AddedModels,
} from './fieldRules';

/** What the form fields hold, as typed. */
export interface CustomModelInput {
  name: string;
  /** Where the files are: on a server (`url`) or in a folder on this computer (`folder`). */
  source: 'url' | 'folder';
  /** The name of the folder chosen on this computer. */
  folder: string;
  modelUrl: string;
  modelLibUrl: string;
  vramMB: string;
  contextWindow: string;
  configIntegrity: string;
  libIntegrity: string;
}

export type Validation =
  | { ok: true; model: Omit<CustomModel, 'addedAt'> }
  | { ok: false; errors: Partial<Record<keyof CustomModelInput, string>> };

export interface ChatConfigHints {
  contextWindow?: number;
  vocabSize?: number;
  modelType?: string;
  quantization?: string;
}

export const VRAM_BOUNDS = { min: 1, max: 200_000 };
const SRI_PATTERN = /^sha(256|384|512)-[A-Za-z0-9+/]+={0,2}$/;
const CONFIG_FILE = 'mlc-chat-config.json';

const SRI_MESSAGE = 'Use a subresource-integrity hash such as sha384-…';

export function validateCustomModel(
  input: CustomModelInput,
  existing: AddedModels,
  editingId?: string,
): Validation {
  const errors: Partial<Record<keyof CustomModelInput, string>> = {};

  const name = input.name.trim();
  const nameProblem = nameError(name, existing, editingId);
  if (nameProblem) errors.name = nameProblem;

  const fromFolder = input.source === 'folder';
  if (fromFolder && !input.folder) errors.folder = "Choose the model's folder on this computer.";
  const model = checkHttpUrl(
    input.modelUrl.trim(),
    "Enter the address of the model's folder.",
    'https://models.example.com/my-model/',
  );
  if (fromFolder) {
    // Its addresses are made up once the folder is stored (models/importedModel.ts).
  } else if (!model.ok) errors.modelUrl = model.error;
  // WebLLM appends file names to the address as text, so a query or fragment would end up in the
  // middle of every file's address.
  else if (model.url.search || model.url.hash) {
    errors.modelUrl =
      'Remove the part from ? or # onwards; Nook adds file names to the end of this address.';
  }

  const lib = checkHttpUrl(
    input.modelLibUrl.trim(),
    'Enter the address of the model library (a .wasm file).',
    'https://models.example.com/libs/my-model-webgpu.wasm',
  );
  if (fromFolder) {
    // As above.
  } else if (!lib.ok) errors.modelLibUrl = lib.error;
  else if (!/\.wasm$/i.test(lib.url.pathname)) {
    errors.modelLibUrl = 'The model library address must end in .wasm.';
  }

  const vramMB = optionalNumber(input.vramMB.trim(), /^\d+(\.\d+)?$/, VRAM_BOUNDS);
  if (vramMB === null) {
    errors.vramMB = `Enter the memory the model needs in megabytes, from ${VRAM_BOUNDS.min} to ${VRAM_BOUNDS.max}, or leave it empty.`;
  }
  const contextWindow = optionalNumber(input.contextWindow.trim(), /^\d+$/, CONTEXT_WINDOW_BOUNDS);
  if (contextWindow === null) {
    errors.contextWindow = `Enter a whole number of tokens from ${CONTEXT_WINDOW_BOUNDS.min} to ${CONTEXT_WINDOW_BOUNDS.max}, or leave it empty.`;
  }

  const config = input.configIntegrity.trim();
  if (config && !SRI_PATTERN.test(config)) errors.configIntegrity = SRI_MESSAGE;
  const modelLib = input.libIntegrity.trim();
  if (modelLib && !SRI_PATTERN.test(modelLib)) errors.libIntegrity = SRI_MESSAGE;

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const id = editingId ?? uniqueId('custom', name, existing);
  let addresses: { modelUrl: string; modelLibUrl: string; folderName?: string };
  if (fromFolder) {
    addresses = {
      modelUrl: importedModelUrl(id),
      modelLibUrl: importedLibraryUrl(id, 'library.wasm'),
      folderName: input.folder,
    };
  } else if (model.ok && lib.ok) {
    const href = model.url.href;
    addresses = { modelUrl: href.endsWith('/') ? href : `${href}/`, modelLibUrl: lib.url.href };
  } else return { ok: false, errors };

  const integrity = {
    ...(config !== '' && { config }),
    ...(modelLib !== '' && { model_lib: modelLib }),
  };
  return {
    ok: true,
    model: {
      id,
      name,
      ...addresses,
      ...(vramMB != null && { vramMB }),
      ...(contextWindow != null && { contextWindow }),
      ...(Object.keys(integrity).length > 0 && { integrity }),
    },
  };
}

/** Fills in what the user left empty from the model's own config, within the form's bounds. */
export function withConfigHints(
  model: Omit<CustomModel, 'addedAt'>,
  hints: ChatConfigHints,
): Omit<CustomModel, 'addedAt'> {
  const fromConfig = hints.contextWindow;
  if (
    model.contextWindow !== undefined ||
    fromConfig === undefined ||
    fromConfig < CONTEXT_WINDOW_BOUNDS.min ||
    fromConfig > CONTEXT_WINDOW_BOUNDS.max
  ) {
    return model;
  }
  return { ...model, contextWindow: fromConfig };
}

const positiveInteger = (v: unknown) =>
  typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : undefined;
const nonEmptyString = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined);

/**
 * Reads the model's mlc-chat-config.json from where WebLLM will look for it, so a wrong address or
 * a server that does not allow this site shows up now rather than at the first load. Failures come
 * back as sentences; only an abort through `signal` rejects, as fetch does.
 */
export async function fetchChatConfigHints(
  modelUrl: string,
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<{ ok: true; hints: ChatConfigHints } | { ok: false; error: string }> {
  let configUrl: string;
  try {
    configUrl = modelFileUrl(modelUrl, CONFIG_FILE);
  } catch {
    return { ok: false, error: `${modelUrl} is not a full http:// or https:// address.` };
  }

  let text: string;
  try {
    const response = await fetchImpl(configUrl, { signal });
    if (!response.ok) {
      return { ok: false, error: `The server answered ${response.status} for ${configUrl}.` };
    }
    text = await response.text();
  } catch (error) {
    if (signal?.aborted) throw error;
    // fetch reports DNS failures, refused connections and CORS refusals alike, as a TypeError.
    return {
      ok: false,
      error: `Could not reach ${configUrl} (check the address and that the server allows this site: CORS).`,
    };
  }

  let config: unknown;
  try {
    config = JSON.parse(text);
  } catch {
    return { ok: false, error: `${configUrl} is not valid JSON.` };
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) {
    return { ok: false, error: `${configUrl} is not a model configuration (a JSON object).` };
  }

  const fields = config as Record<string, unknown>;
  const contextWindow = positiveInteger(fields.context_window_size);
  const vocabSize = positiveInteger(fields.vocab_size);
  const modelType = nonEmptyString(fields.model_type);
  const quantization = nonEmptyString(fields.quantization);
  return {
    ok: true,
    hints: {
      ...(contextWindow !== undefined && { contextWindow }),
      ...(vocabSize !== undefined && { vocabSize }),
      ...(modelType !== undefined && { modelType }),
      ...(quantization !== undefined && { quantization }),
    },
  };
}
