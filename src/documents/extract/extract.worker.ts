/**
 * The extraction worker: reads attached files into text off the UI thread, one request at a time
 * in arrival order, posting progress and then a result or a typed error. pdf.js and mammoth load
 * here, lazily, and nowhere else, and so does tesseract.js (OCR) for pages without a text layer
 * and for images. A cancel drops a queued request or stops a running one at its next checkpoint
 * (between PDF pages), and stops OCR at once.
 * Must not import the store or any view.
 */
import { serveRequests, type WorkerScope } from '../../workers/serve';
import type { ExtractError } from '../types';
import { classifyExtractError, ExtractFailure, fail } from './errors';
import { extractFile, type DocxApi, type ExtractEnvironment } from './extractFile';
import type { OcrEngine } from './ocr';
import type { ExtractRequests } from './protocol';

/**
 * Lets queued messages (a cancel) run. pdf.js's in-thread worker answers through microtasks, so
 * without this a whole document would be read in one task. A MessageChannel task, unlike
 * setTimeout, is not clamped to 4 ms when repeated.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

let pdfRuntime: ReturnType<ExtractEnvironment['loadPdf']> | undefined;
let docx: Promise<DocxApi> | undefined;
const loadPdf = () => (pdfRuntime ??= import('./pdfRuntime'));
const loadDocx = () => (docx ??= import('mammoth').then((module) => module.default));
let ocrEngine: Promise<OcrEngine> | undefined;
const loadOcr = () => (ocrEngine ??= import('./ocrRuntime').then((module) => module.ocr));

/** One file at a time, in arrival order. */
let queue: Promise<unknown> = Promise.resolve();

serveRequests<ExtractRequests, ExtractError>(
  self as unknown as WorkerScope<ExtractRequests, ExtractError>,
  {
    extract: ({ file, language }, { signal, emit }) => {
      const turn = queue.then(async () => {
        if (signal.aborted) fail('aborted', file.name);
        // A page can take seconds to recognize: stop it now rather than at the next checkpoint.
        const stopOcr = () => void ocrEngine?.then((engine) => engine.stop());
        signal.addEventListener('abort', stopOcr, { once: true });
        try {
          return await extractFile(file, {
            loadPdf,
            loadDocx,
            ocr: { load: loadOcr, language },
            async checkpoint() {
              await yieldToEventLoop();
              if (signal.aborted) fail('aborted', file.name);
            },
            onProgress: (done, total, ocr) => emit({ done, total, ...(ocr && { ocr }) }),
          });
        } finally {
          signal.removeEventListener('abort', stopOcr);
        }
      });
      queue = turn.catch(() => undefined);
      return turn;
    },
  },
  {
    toError: (error, _type, { file }) => {
      // Expected failures are ExtractFailures; anything else is worth a trace for whoever debugs.
      if (!(error instanceof ExtractFailure)) console.error(error);
      return classifyExtractError(error, file.name);
    },
  },
);
