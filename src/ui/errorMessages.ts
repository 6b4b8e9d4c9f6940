/**
 * The one table that turns engine error codes into words: what happened, and what to do next.
 */
import type { EngineError, EngineErrorCode } from '../engine/errors';
import { connectAllowed } from '../lib/contentPolicy';
import { isImportedModelUrl } from '../models/importedModel';

export interface ErrorMessage {
  title: string;
  nextStep: string;
}

const messages: Record<EngineErrorCode, ErrorMessage> = {
  'webgpu-unavailable': {
    title: 'WebGPU is not available in this browser.',
    nextStep: 'Use a recent Chrome, Edge or Safari with WebGPU turned on.',
  },
  'shader-f16-unsupported': {
    title: 'This model needs 16-bit GPU shaders (shader-f16), which this device lacks.',
    nextStep: 'Choose a model whose name has q4f32 or q0f32.',
  },
  'out-of-memory': {
    title: 'The GPU ran out of memory.',
    nextStep: 'Choose a smaller model, or close other tabs and apps that use the GPU.',
  },
  'device-lost': {
    title: 'The GPU stopped responding (often because it ran out of memory).',
    nextStep: 'Try again, or choose a smaller model.',
  },
  'download-failed': {
    title: 'The model could not be downloaded.',
    nextStep: 'Check your connection and try again; files already downloaded are kept.',
  },
  'model-library-invalid': {
    title:
      'The model library (.wasm) could not be started: it is damaged, or was built for another WebLLM version.',
    nextStep: 'Check the model library URL, or choose another model.',
  },
  'model-file-invalid': {
    title:
      'This file is not a model Nook can load: it is damaged, incomplete, or not a GGUF model.',
    nextStep: 'Download it again, or choose another model.',
  },
  'model-unsupported': {
    title: 'llama.cpp cannot run this model: its architecture or format is one it does not know.',
    nextStep: 'Choose another build of the model, or another model.',
  },
  'engine-unsupported': {
    title: 'This browser cannot run llama.cpp (it lacks WebAssembly JSPI or Memory64).',
    nextStep: 'Use Chrome or Edge 137 or newer, or choose a WebLLM model.',
  },
  'engine-crashed': {
    title: 'The model engine stopped unexpectedly (often because it ran out of memory).',
    nextStep: 'Try again: Nook loads the model again. If it happens again, choose a smaller model.',
  },
  'network-offline': {
    title: 'You are offline, and this model is not on this device yet.',
    nextStep:
      'Connect to the internet to download it, or pick a model you have already downloaded.',
  },
  'quota-exceeded': {
    title: 'This device has no room left for the model.',
    nextStep: 'Free some disk space or delete a downloaded model, then try again.',
  },
  'context-window-exceeded': {
    title: 'This conversation is too long for the model to read at once.',
    nextStep: 'Start a new chat, or shorten your message.',
  },
  'images-unsupported': {
    title: 'This model cannot see images.',
    nextStep: 'Choose a vision model for this chat, or remove the images.',
  },
  'model-not-loaded': {
    title: 'The model is not loaded.',
    nextStep: 'Send your message again to load it.',
  },
  aborted: { title: 'Cancelled.', nextStep: 'Try again when you are ready.' },
  'worker-crashed': {
    title: 'The model engine stopped unexpectedly.',
    nextStep: 'Reload the page; your chats are kept.',
  },
  unknown: { title: 'Something went wrong.', nextStep: 'Try again.' },
};

const fileNameOf = (url: string) => decodeURIComponent(url.split('/').pop() ?? url);

/** Codes whose detail is a sentence for the user (it says which of the code's cases it is). */
const SAID_IN_DETAIL: ReadonlySet<string> = new Set(['model-file-invalid', 'model-unsupported']);

export function describeError(error: EngineError): ErrorMessage {
  // A code from stored data may be one this version does not know (older, newer, or damaged).
  const base = Object.hasOwn(messages, error.code) ? messages[error.code] : messages.unknown;
  if (SAID_IN_DETAIL.has(error.code) && error.detail) return { ...base, title: error.detail };
  // A model copied from a folder on this computer has no server: a file WebLLM went to fetch is
  // one its copy has lost (cleared by the browser, or deleted).
  if (error.code === 'download-failed' && error.url && isImportedModelUrl(error.url)) {
    return {
      title: `The model file ${fileNameOf(error.url)} is no longer on this device.`,
      nextStep:
        'Its files were copied from a folder on this computer: edit the model and choose its folder again.',
    };
  }
  // The browser refused before asking the server: the host is not in the page's policy.
  if (error.code === 'download-failed' && error.url && !connectAllowed(error.url)) {
    return {
      title: `Nook's privacy policy does not allow downloads from ${new URL(error.url).host}.`,
      nextStep:
        'Models can come from this site, this computer, Hugging Face and GitHub, or hosts added when Nook was built (NOOK_MODEL_HOSTS, see the README). Put the model on one of those.',
    };
  }
  if (error.code === 'download-failed' && error.url) {
    const answer = error.httpStatus ? ` (the server answered ${error.httpStatus})` : '';
    return {
      ...base,
      title: `The model file ${fileNameOf(error.url)} could not be downloaded${answer}.`,
    };
  }
  return base;
}
