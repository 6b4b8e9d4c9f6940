/**
 * The engine worker: the engine host (host.ts) served over the workers' bridge, with WebLLM's
 * catalog and cache, and the backend chosen by the page (createBackend.ts).
 */
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { serveRequests, type WorkerScope } from '../workers/serve';
import { createBackend } from './createBackend';
import { diagnoseDownload } from './webllm/diagnoseDownload';
import type { EngineError } from './errors';
import { createEngineHost } from './host';
import { deleteModelCache, inspectModelCache } from './webllm/modelCache';
import type { EngineRequests } from './protocol';
import { appConfigFor } from './webllm/webllmCompat';

const host = createEngineHost({
  createBackend,
  catalog: () => prebuiltAppConfig.model_list,
  appConfigFor,
  inspectCache: inspectModelCache,
  deleteCache: deleteModelCache,
  diagnose: diagnoseDownload,
});

serveRequests(self as unknown as WorkerScope<EngineRequests, EngineError>, host.handlers, {
  toError: host.toError,
});
