/**
 * The engine worker: the engine host (host.ts) wired to this worker's messages, WebLLM's catalog and
 * cache, and the backend chosen by the page (createBackend.ts).
 */
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { createBackend } from './createBackend';
import { diagnoseDownload } from './diagnoseDownload';
import { createEngineHost } from './host';
import { deleteModelCache, inspectModelCache } from './modelCache';
import type { WorkerRequest, WorkerResponse } from './protocol';
import { appConfigFor } from './webllmCompat';

const scope = self as unknown as {
  postMessage(message: WorkerResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

const host = createEngineHost({
  post: (message) => scope.postMessage(message),
  createBackend,
  catalog: () => prebuiltAppConfig.model_list,
  appConfigFor,
  inspectCache: inspectModelCache,
  deleteCache: deleteModelCache,
  diagnose: diagnoseDownload,
});

scope.addEventListener('message', (event) => host.receive(event.data));
