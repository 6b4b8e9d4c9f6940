/**
 * The ephemeral store: what the device can do, the catalog, the engine's status and load progress,
 * the reply being generated and its streaming draft. Never persisted.
 */
import { create } from 'zustand';
import type { GpuCapabilities } from '../models/capabilities';
import type { ModelRecord } from '@mlc-ai/web-llm';
import webllmRecords from 'virtual:webllm-catalog';
import type { EngineError } from '../engine/errors';
import type { OcrLanguage } from '../documents/ocrLanguages';
import type { SummaryProgress } from '../documents/summarize';
import type { LoadProgress } from '../engine/protocol';
import type { CacheInfo } from '../engine/protocol';
import type { DownloadFigures } from '../lib/downloadMeter';
import type { PreparedImage } from '../images/prepareClient';
import type { StorageStatus } from '../persistence/storageQuota';
import type { Conversation, ReplyStats } from './schema';

export type EngineStatus =
  | { status: 'idle' }
  | {
      status: 'loading';
      modelId: string;
      /** Started before anyone asked (store/session/warmStart.ts): shown quietly. */
      warm: boolean;
      progress: LoadProgress | null;
      download: DownloadFigures | null;
      /** performance.now() of the last report, to notice a stalled download. */
      lastReportAt: number;
    }
  /** `device`: where it runs, in words ("WebGPU", "CPU · 2 threads"). */
  | { status: 'ready'; modelId: string; loadTimeS: number; device: string }
  | { status: 'error'; modelId: string; error: EngineError }
  /** Another tab runs a model; this one may take over. */
  | { status: 'elsewhere' };

export type SearchModelStatus =
  | { status: 'unknown' | 'absent' }
  | { status: 'downloading'; modelId: string }
  /** On the device; `loaded`: in GPU memory too. */
  | { status: 'ready'; modelId: string; loaded: boolean }
  /** Could not be downloaded or failed: questions find passages by their words only. */
  | { status: 'error'; modelId: string; error: EngineError };

export interface ExtractionJob {
  conversationId: string;
  messageId: string;
  /** The document being read, and its requests answered so far out of the most it can take. */
  documentId: string | null;
  asked: number;
  most: number;
}

export type DocumentJob =
  | {
      kind: 'extract';
      conversationId: string;
      name: string;
      done: number;
      total: number;
      /** The step under way is OCR, in this language (pages without a text layer, or an image). */
      ocr?: OcrLanguage;
    }
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

/** Where the last load found the model: downloaded (a download phase was seen) or read from the cache. */
export type LoadSource = 'network' | 'cache';

export interface LastLoad {
  modelId: string;
  loadTimeS: number;
  source: LoadSource;
  /** Where it runs, in words ("WebGPU", "CPU · 2 threads"). */
  device: string;
}

/** A reply finished in this tab since it opened, with the engine's own figures. */
export interface SessionReply extends ReplyStats {
  messageId: string;
  modelId: string;
  /** Date.now() when it finished. */
  finishedAt: number;
}

/** The benchmark running now (store/actions/benchmark.ts). */
export type BenchmarkJob =
  | { phase: 'loading'; modelId: string }
  | {
      phase: 'running';
      modelId: string;
      /** 1-based, counting warm-up runs. */
      run: number;
      total: number;
      promptLabel: string;
      warmUp: boolean;
    };

/**
 * A toast: words the store already has, or, for the engine's own events, an error code that the
 * view turns into words (ui/errorMessages.ts).
 */
export type Notice =
  | { kind: 'info' | 'error'; text: string }
  | { kind: 'info'; engine: 'recovering'; error: EngineError }
  | { kind: 'info'; engine: 'recovered' };

/** An image attached in the composer and not sent yet: prepared, shown from `url` (an object URL). */
export interface ComposerImage extends PreparedImage {
  name: string;
  url: string;
}

export interface RuntimeState {
  /** null while the probe runs. */
  gpu: GpuCapabilities | null;
  /** WebLLM's prebuilt model records, read from WebLLM at build time (see store/catalog.ts). */
  prebuiltRecords: ModelRecord[];
  engine: EngineStatus;
  generation: Generation | null;
  /** Streaming text by message id, updated once per animation frame. */
  drafts: Record<string, string>;
  storageError: string | null;
  /** A write to IndexedDB is pending or under way (persistence/idbStorage.watchSaving). */
  saving: boolean;
  /** Saved data has a newer schema version than this tab: it is read, never written over. */
  newerData: boolean;
  /** What of each model is downloaded (null until first asked). */
  modelCache: Record<string, CacheInfo> | null;
  storage: StorageStatus | null;
  /** Reading or summarizing a document (one at a time). */
  documentJob: DocumentJob | null;
  /** An extraction table being filled: its reply, the document being read and how far it is. */
  extraction: ExtractionJob | null;
  /** Why the last document could not be attached, shown in that chat. */
  documentError: { conversationId: string; message: string } | null;
  /** The embedding model for searching documents by meaning (unknown until first asked). */
  searchModel: SearchModelStatus;
  /** The chat deleted last, kept for Undo. */
  lastDeleted: Conversation | null;
  /** A short message about something that just happened (an import, an export). */
  notice: Notice | null;
  /** Whether the browser says it is online (store/session/network.ts keeps it current). */
  online: boolean;
  /** A new version of the app is installed and waits for the user to choose Update. */
  updateReady: boolean;
  /** The last load that succeeded: how long it took, and whether the model came over the network. */
  lastLoad: LastLoad | null;
  /** Replies finished in this tab since it opened, oldest first. */
  sessionReplies: SessionReply[];
  /**
   * Tokens per second arriving for the reply being streamed (tokens counted as their batches
   * arrive, since the first), updated at most once per animation frame; null between replies.
   */
  liveRate: { messageId: string; tokensPerS: number } | null;
  benchmarkJob: BenchmarkJob | null;
  /** Images waiting in the composer to go with the next message. */
  composerImages: ComposerImage[];
  /** Images being prepared (checked and scaled) in the image worker. */
  preparingImages: number;
  /** Why the last image could not be attached, until the next attempt. */
  imageError: string | null;
}

export const initialRuntimeState: RuntimeState = {
  gpu: null,
  prebuiltRecords: webllmRecords,
  engine: { status: 'idle' },
  generation: null,
  drafts: {},
  storageError: null,
  saving: false,
  newerData: false,
  modelCache: null,
  storage: null,
  documentJob: null,
  extraction: null,
  searchModel: { status: 'unknown' },
  documentError: null,
  lastDeleted: null,
  notice: null,
  online: typeof navigator === 'undefined' ? true : navigator.onLine,
  updateReady: false,
  lastLoad: null,
  sessionReplies: [],
  liveRate: null,
  benchmarkJob: null,
  composerImages: [],
  preparingImages: 0,
  imageError: null,
};

export const useRuntimeStore = create<RuntimeState>()(() => initialRuntimeState);

/** Shows a short message about something that just happened (a toast). */
export function notify(kind: 'info' | 'error', text: string): void {
  useRuntimeStore.setState({ notice: { kind, text } });
}

/** Sets (or, with undefined, drops) the streaming text shown for a message. */
export function setDraft(messageId: string, text: string | undefined): void {
  useRuntimeStore.setState(({ drafts }) => {
    const { [messageId]: _previous, ...others } = drafts;
    return { drafts: text === undefined ? others : { ...others, [messageId]: text } };
  });
}
