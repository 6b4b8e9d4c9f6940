/**
 * The ephemeral store: what the device can do, the catalog, the engine's status and load progress,
 * the reply being generated and its streaming draft. Never persisted.
 */
import { create } from 'zustand';
import type { GpuCapabilities } from '../engine/capabilities';
import type { ModelRecord } from '@mlc-ai/web-llm';
import type { EngineError } from '../engine/errors';
import type { SummaryProgress } from '../documents/summarize';
import type { LoadProgress } from '../engine/loadProgress';
import type { CacheInfo } from '../engine/modelCache';
import type { DownloadFigures } from '../lib/downloadMeter';
import type { StorageStatus } from '../persistence/storageQuota';
import type { Conversation } from './schema';

export type EngineStatus =
  | { status: 'idle' }
  | {
      status: 'loading';
      modelId: string;
      progress: LoadProgress | null;
      download: DownloadFigures | null;
      /** performance.now() of the last report, to notice a stalled download. */
      lastReportAt: number;
    }
  | { status: 'ready'; modelId: string; loadTimeS: number }
  | { status: 'error'; modelId: string; error: EngineError }
  /** Another tab runs a model; this one may take over. */
  | { status: 'elsewhere' };

export type DocumentJob =
  | { kind: 'extract'; conversationId: string; name: string; done: number; total: number }
  | {
      kind: 'summarize';
      conversationId: string;
      documentId: string;
      name: string;
      progress: SummaryProgress | null;
    };

export interface Generation {
  conversationId: string;
  messageId: string;
}

export interface RuntimeState {
  /** null while the probe runs. */
  gpu: GpuCapabilities | null;
  /** WebLLM's prebuilt model records, as the worker sent them (see store/catalog.ts). */
  prebuiltRecords: ModelRecord[] | null;
  catalogError: EngineError | null;
  engine: EngineStatus;
  generation: Generation | null;
  /** Streaming text by message id, updated once per animation frame. */
  drafts: Record<string, string>;
  storageError: string | null;
  /** What of each model is downloaded (null until first asked). */
  modelCache: Record<string, CacheInfo> | null;
  storage: StorageStatus | null;
  /** Reading or summarizing a document (one at a time). */
  documentJob: DocumentJob | null;
  /** Why the last document could not be attached, shown in that chat. */
  documentError: { conversationId: string; message: string } | null;
  /** The chat deleted last, kept for Undo. */
  lastDeleted: Conversation | null;
  /** A short message about something that just happened (an import, an export). */
  notice: { kind: 'info' | 'error'; text: string } | null;
  /** Whether the browser says it is online (store/actions/network.ts keeps it current). */
  online: boolean;
  /** A new version of the app is installed and waits for the user to choose Update. */
  updateReady: boolean;
}

export const initialRuntimeState: RuntimeState = {
  gpu: null,
  prebuiltRecords: null,
  catalogError: null,
  engine: { status: 'idle' },
  generation: null,
  drafts: {},
  storageError: null,
  modelCache: null,
  storage: null,
  documentJob: null,
  documentError: null,
  lastDeleted: null,
  notice: null,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  updateReady: false,
};

export const useRuntimeStore = create<RuntimeState>()(() => initialRuntimeState);
