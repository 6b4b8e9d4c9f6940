/**
 * The rules of the "GGUF file" custom-model form, without React: turning what the user typed (an
 * address, or a file chosen on this computer) into a GGUF model for llama.cpp (or sentences saying
 * what to fix), and checking, before it is saved, that the address gives a GGUF file this site may
 * download.
 */
import type { GgufCustomModel } from '../../../store/modelStore';
import {
  checkHttpUrl,
  CONTEXT_WINDOW_BOUNDS,
  nameError,
  optionalNumber,
  uniqueId,
  type AddedModels,
} from './fieldRules';

/** What the form fields hold, as typed. */
export interface GgufModelInput {
  name: string;
  /** Where the file is: on the internet (`url`) or on this computer (`file`). */
  source: 'url' | 'file';
  url: string;
  /** The name of the file chosen on this computer. */
  file: string;
  contextWindow: string;
}

export type GgufValidation =
  | { ok: true; model: Omit<GgufCustomModel, 'addedAt'> }
  | { ok: false; errors: Partial<Record<keyof GgufModelInput, string>> };

/**
 * A Hugging Face page of a file (".../blob/main/x.gguf") shows the file; the file itself is at
 * ".../resolve/main/x.gguf". People copy the page's address.
 */
function fileAddress(url: URL): URL {
  if (!/(^|\.)huggingface\.co$|^hf\.co$/.test(url.hostname)) return url;
  const file = new URL(url.href);
  file.pathname = file.pathname.replace(/\/blob\//, '/resolve/');
  return file;
}

export function validateGgufModel(
  input: GgufModelInput,
  existing: AddedModels,
  editingId?: string,
): GgufValidation {
  const errors: Partial<Record<keyof GgufModelInput, string>> = {};
  const name = input.name.trim();
  const nameProblem = nameError(name, existing, editingId);
  if (nameProblem) errors.name = nameProblem;

  const fromFile = input.source === 'file';
  if (fromFile && !/\.gguf$/i.test(input.file)) {
    errors.file = input.file
      ? `${input.file} is not a .gguf file.`
      : 'Choose the .gguf file on this computer.';
  }
  const url = checkHttpUrl(
    input.url.trim(),
    'Enter the address of the GGUF file.',
    'https://huggingface.co/org/model-GGUF/resolve/main/model-q4_k_m.gguf',
  );
  if (fromFile) {
    // The address is not asked for.
  } else if (!url.ok) errors.url = url.error;
  else if (!/\.gguf$/i.test(url.url.pathname)) {
    errors.url = 'The address must lead to a .gguf file.';
  }

  const contextWindow = optionalNumber(input.contextWindow.trim(), /^\d+$/, CONTEXT_WINDOW_BOUNDS);
  if (contextWindow === null) {
    errors.contextWindow = `Enter a whole number of tokens from ${CONTEXT_WINDOW_BOUNDS.min} to ${CONTEXT_WINDOW_BOUNDS.max}, or leave it empty.`;
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const id = editingId ?? uniqueId('gguf', name, existing);
  const context = contextWindow != null ? { contextWindow } : {};
  if (fromFile) return { ok: true, model: { id, name, fileName: input.file, ...context } };
  if (!url.ok) return { ok: false, errors };

  const file = fileAddress(url.url);
  return {
    ok: true,
    model: {
      id,
      name,
      url: file.href,
      fileName: decodeURIComponent(file.pathname.split('/').pop() ?? ''),
      ...context,
    },
  };
}

const MAGIC = 'GGUF';

/**
 * Reads the file's first bytes from where llama.cpp will download it, so a wrong address, a page
 * instead of a file, or a server that does not allow this site shows up now rather than at the
 * first load; the file's size comes back too. Failures are sentences; only an abort through
 * `signal` rejects, as fetch does.
 */
export async function checkGgufFile(
  url: string,
  fetchImpl: typeof fetch = fetch,
  signal?: AbortSignal,
): Promise<{ ok: true; bytes?: number } | { ok: false; error: string }> {
  let start: Uint8Array;
  let response: Response;
  try {
    // Not cached: Chromium would splice this range into the download (see downloadModel).
    response = await fetchImpl(url, { headers: { Range: 'bytes=0-3' }, cache: 'no-store', signal });
    if (!response.ok)
      return { ok: false, error: `The server answered ${response.status} for ${url}.` };
    // A server that ignores Range sends the whole file: read only its first bytes.
    const reader = response.body?.getReader();
    const first = await reader?.read();
    await reader?.cancel();
    start = first?.value ?? new Uint8Array();
  } catch (error) {
    if (signal?.aborted) throw error;
    // fetch reports DNS failures, refused connections and CORS refusals alike, as a TypeError.
    return {
      ok: false,
      error: `Could not reach ${url} (check the address and that the server allows this site: CORS).`,
    };
  }
  const begins = new TextDecoder().decode(start.subarray(0, 4));
  if (begins !== MAGIC) {
    return {
      ok: false,
      error: `${url} is not a GGUF model file (it begins “${begins.replace(/[^\x20-\x7e]/g, '.')}”).`,
    };
  }
  const total =
    Number(/\/(\d+)$/.exec(response.headers.get('content-range') ?? '')?.[1]) ||
    (response.status === 200 ? Number(response.headers.get('content-length')) : 0);
  return { ok: true, ...(total > 0 && { bytes: total }) };
}
