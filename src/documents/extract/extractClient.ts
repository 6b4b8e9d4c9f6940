/**
 * The one gateway from the UI thread to the extraction worker. Typed calls, an AbortSignal on
 * every call, progress through a callback; requests are addressed by id, so several can be in
 * flight (the worker runs them in order). Aborting rejects at once with code 'aborted' and tells
 * the worker to drop or stop the request; the worker itself lives on for the next file.
 * Imports only types and the error table: pdf.js and mammoth stay in the worker's bundle.
 * Must not import the store or any view.
 */
import { DEFAULT_OCR_LANGUAGE, type OcrLanguage } from '../ocrLanguages';
import type { ExtractedDocument, ExtractError } from '../types';
import { extractError, ExtractFailure } from './errors';
import type { ExtractRequest, ExtractResponse } from './protocol';

export { ExtractFailure, isExtractAbort } from './errors';

export interface ExtractOptions {
  signal?: AbortSignal;
  /** Steps done out of total: pages for a PDF, one step for the other kinds; `ocr` as sent. */
  onProgress?: (done: number, total: number, ocr?: boolean) => void;
  /** The language of pages without a text layer, and of images (OCR). */
  language?: OcrLanguage;
}

/** The subset of Worker the client needs, so unit tests can hand it a fake. */
export interface ExtractPort {
  postMessage(message: ExtractRequest): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ExtractResponse>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
}

interface Pending {
  fileName: string;
  resolve(document: ExtractedDocument): void;
  reject(reason: ExtractFailure): void;
  onProgress?: ExtractOptions['onProgress'];
}

export class ExtractClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();

  constructor(
    private readonly port: ExtractPort,
    /** Called when the worker fails as a whole (its script did not load): drop this client. */
    onCrash?: () => void,
  ) {
    port.addEventListener('message', (event) => this.receive(event.data));
    port.addEventListener('error', (event) => {
      event.preventDefault?.();
      for (const [id, pending] of this.pending) {
        this.pending.delete(id);
        pending.reject(
          new ExtractFailure({
            code: 'corrupt',
            message: `“${pending.fileName}” could not be read: the document reader stopped (${event.message || 'unknown error'}). Try again.`,
          }),
        );
      }
      onCrash?.();
    });
  }

  extract(file: File, options: ExtractOptions = {}): Promise<ExtractedDocument> {
    const { signal } = options;
    if (signal?.aborted) {
      return Promise.reject(new ExtractFailure(extractError('aborted', file.name)));
    }
    const id = this.nextId++;
    return new Promise<ExtractedDocument>((resolve, reject) => {
      const onAbort = () => {
        if (!this.pending.delete(id)) return;
        this.port.postMessage({ type: 'cancel', id });
        reject(new ExtractFailure(extractError('aborted', file.name)));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.pending.set(id, {
        fileName: file.name,
        resolve: (document) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(document);
        },
        reject: (reason) => {
          signal?.removeEventListener('abort', onAbort);
          reject(reason);
        },
        onProgress: options.onProgress,
      });
      const language = options.language ?? DEFAULT_OCR_LANGUAGE;
      this.port.postMessage({ type: 'extract', id, file, language });
    });
  }

  private receive(message: ExtractResponse): void {
    const pending = this.pending.get(message.id);
    if (!pending) return; // answered already, or aborted
    switch (message.type) {
      case 'progress':
        pending.onProgress?.(message.done, message.total, message.ocr);
        return;
      case 'result':
        this.pending.delete(message.id);
        pending.resolve(message.document);
        return;
      case 'error':
        this.pending.delete(message.id);
        pending.reject(new ExtractFailure(message.error satisfies ExtractError));
        return;
    }
  }
}

let instance: ExtractClient | undefined;

function getExtractor(): ExtractClient {
  if (!instance) {
    const worker = new Worker(new URL('./extract.worker.ts', import.meta.url), {
      type: 'module',
      name: 'nook-extract',
    });
    // After a crash the next file gets a fresh worker.
    instance = new ExtractClient(worker, () => {
      worker.terminate();
      instance = undefined;
    });
  }
  return instance;
}

/**
 * Reads a file's text in the extraction worker (created on first use). Rejects with an
 * ExtractFailure whose `error` holds the code and the sentence to show; 'aborted' when `signal`
 * aborts.
 */
export function extractDocument(
  file: File,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  return getExtractor().extract(file, options);
}
