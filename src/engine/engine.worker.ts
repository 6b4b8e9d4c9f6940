/**
 * The engine worker: the engine host (host.ts) served over the workers' bridge, with the engines'
 * backends (createBackend.ts).
 */
import { serveRequests, type WorkerScope } from '../workers/serve';
import { createBackend } from './createBackend';
import type { EngineError } from './errors';
import { createEngineHost } from './host';
import type { EngineRequests } from './protocol';
import { diagnoseDownload } from './webllm/diagnoseDownload';

const host = createEngineHost({
  createBackend,
  diagnose: diagnoseDownload,
});

serveRequests(self as unknown as WorkerScope<EngineRequests, EngineError>, host.handlers, {
  toError: host.toError,
});
