/**
 * The one gateway from the UI thread to the extraction worker: the workers' bridge
 * (src/workers/) with the extraction request, created on first use and again after a crash.
 * Aborting rejects at once with code 'aborted' and tells the worker to drop or stop the request;
 * the worker itself lives on for the next file. Imports only types and the error table: pdf.js
 * and mammoth stay in the worker's bundle. Must not import the store or any view.
 */
import { lazyWorker, WorkerBridge, type BridgePort } from '../../workers/bridge';
import { DEFAULT_OCR_LANGUAGE, type OcrLanguage } from '../ocrLanguages';
import type { ExtractedDocument, ExtractError } from '../types';
import { extractError, ExtractFailure } from './errors';
import type { ExtractRequests } from './protocol';

export { ExtractFailure, isExtractAbort } from './errors';

export interface ExtractOptions {
  signal?: AbortSignal;
  /** Steps done out of total: pages for a PDF, one step for the other kinds; `ocr` as sent. */
  onProgress?: (done: number, total: number, ocr?: boolean) => void;
  /** The language of pages without a text layer, and of images (OCR). */
  language?: OcrLanguage;
}

export type ExtractPort = BridgePort<ExtractRequests, ExtractError>;

export class ExtractClient {
  private readonly bridge: WorkerBridge<ExtractRequests, ExtractError>;

  constructor(port: ExtractPort) {
    this.bridge = new WorkerBridge(port, {
      failure: (error) => new ExtractFailure(error),
      crashed: (call, detail) => ({
        code: 'corrupt',
        message: `“${call?.params.file.name ?? 'The document'}” could not be read: the document reader stopped (${detail}). Try again.`,
      }),
      aborted: (call) => extractError('aborted', call.params.file.name),
    });
  }

  get dead(): boolean {
    return this.bridge.dead;
  }

  terminate(): void {
    this.bridge.terminate();
  }

  extract(file: File, options: ExtractOptions = {}): Promise<ExtractedDocument> {
    const { signal, onProgress } = options;
    const language = options.language ?? DEFAULT_OCR_LANGUAGE;
    return this.bridge.call(
      'extract',
      { file, language },
      {
        ...(signal && { signal }),
        ...(onProgress && {
          onEvent: ({ done, total, ocr }) => onProgress(done, total, ocr),
        }),
      },
    );
  }
}

const extractor = lazyWorker(
  () =>
    new ExtractClient(
      new Worker(new URL('./extract.worker.ts', import.meta.url), {
        type: 'module',
        name: 'nook-extract',
      }),
    ),
);

/**
 * Reads a file's text in the extraction worker (created on first use). Rejects with an
 * ExtractFailure whose `error` holds the code and the sentence to show; 'aborted' when `signal`
 * aborts.
 */
export function extractDocument(
  file: File,
  options: ExtractOptions = {},
): Promise<ExtractedDocument> {
  return extractor.get().extract(file, options);
}
