/**
 * The ephemeral store: what the device can do, the catalog, the engine's status and load progress,
 * the reply being generated and its streaming draft. Never persisted.
 */
import { create } from 'zustand';
import type { GpuCapabilities } from '../engine/capabilities';
import type { ModelRecord } from '@mlc-ai/web-llm';
import type { EngineError } from '../engine/errors';
import type { LoadProgress } from '../engine/loadProgress';
import type { Conversation } from './schema';

export type EngineStatus =
  | { status: 'idle' }
  | { status: 'loading'; modelId: string; progress: LoadProgress | null }
  | { status: 'ready'; modelId: string; loadTimeS: number }
  | { status: 'error'; modelId: string; error: EngineError };

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
  /** The chat deleted last, kept for Undo. */
  lastDeleted: Conversation | null;
  /** A short message about something that just happened (an import, an export). */
  notice: { kind: 'info' | 'error'; text: string } | null;
}

export const initialRuntimeState: RuntimeState = {
  gpu: null,
  prebuiltRecords: null,
  catalogError: null,
  engine: { status: 'idle' },
  generation: null,
  drafts: {},
  storageError: null,
  lastDeleted: null,
  notice: null,
};

export const useRuntimeStore = create<RuntimeState>()(() => initialRuntimeState);
