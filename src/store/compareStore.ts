/**
 * The model comparison running now, or the last one (store/actions/compareModels.ts). Ephemeral:
 * the replies themselves are versions of one message in the chat, and persist there.
 */
import { create } from 'zustand';
import type { EngineError } from '../engine/errors';
import type { LoadSource } from './runtimeStore';

export type ColumnState =
  | 'waiting'
  | 'loading'
  | 'answering'
  | 'done'
  /** Stopped while loading or answering; the models after it are skipped. */
  | 'stopped'
  | 'failed'
  | 'skipped';

export interface ColumnLoad {
  seconds: number;
  /** 'loaded': the model was in GPU memory already, nothing was loaded. */
  source: LoadSource | 'loaded';
  /** Which engine ran it, and on what ("llama.cpp · CPU · 2 threads"). */
  runsOn: string;
}

export interface CompareColumn {
  modelId: string;
  state: ColumnState;
  load?: ColumnLoad;
  /** Why it failed to load or to answer. */
  error?: EngineError;
  /** Which version of the reply message is this model's answer. */
  versionIndex?: number;
}

export interface CompareRun {
  conversationId: string;
  promptMessageId: string;
  replyMessageId: string;
  prompt: string;
  columns: CompareColumn[];
  finished: boolean;
  /** The column whose reply the user kept. */
  kept?: number;
}

export const useCompareStore = create<{ run: CompareRun | null }>(() => ({ run: null }));

export function updateColumn(index: number, patch: Partial<CompareColumn>): void {
  useCompareStore.setState(({ run }) =>
    run
      ? {
          run: {
            ...run,
            columns: run.columns.map((c, i) => (i === index ? { ...c, ...patch } : c)),
          },
        }
      : {},
  );
}

export function updateRun(patch: Partial<CompareRun>): void {
  useCompareStore.setState(({ run }) => (run ? { run: { ...run, ...patch } } : {}));
}
