/**
 * The extraction worker: reads attached files into text off the UI thread, one request at a time
 * in arrival order, posting progress and then a result or a typed error. pdf.js and mammoth load
 * here, lazily, and nowhere else, and so does tesseract.js (OCR) for pages without a text layer
 * and for images. A cancel drops a queued request or stops a running one at its next checkpoint
 * (between PDF pages), and stops OCR at once.
 * Must not import the store or any view.
 */
import { classifyExtractError, extractError, ExtractFailure, fail } from './errors';
import type { OcrLanguage } from '../ocrLanguages';
import { extractFile, type DocxApi, type ExtractEnvironment } from './extractFile';
import type { OcrEngine } from './ocr';
import type { ExtractRequest, ExtractResponse } from './protocol';

const scope = self as unknown as {
  postMessage(message: ExtractResponse): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ExtractRequest>) => void): void;
};

function post(message: ExtractResponse): void {
  scope.postMessage(message);
}

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

const queue: { id: number; file: File; language: OcrLanguage }[] = [];
let running: number | undefined;
const cancelled = new Set<number>();

async function run(id: number, file: File, language: OcrLanguage): Promise<void> {
  try {
    const document = await extractFile(file, {
      loadPdf,
      loadDocx,
      ocr: { load: loadOcr, language },
      async checkpoint() {
        await yieldToEventLoop();
        if (cancelled.has(id)) fail('aborted', file.name);
      },
      onProgress: (done, total, ocr) =>
        post({ type: 'progress', id, done, total, ...(ocr && { ocr }) }),
    });
    post({ type: 'result', id, document });
  } catch (err) {
    const error = classifyExtractError(err, file.name);
    // Expected failures are ExtractFailures; anything else is worth a trace for whoever debugs.
    if (!(err instanceof ExtractFailure)) console.error(err);
    post({ type: 'error', id, error });
  }
}

async function pump(): Promise<void> {
  if (running !== undefined) return;
  for (let job = queue.shift(); job; job = queue.shift()) {
    running = job.id;
    await run(job.id, job.file, job.language);
    cancelled.delete(job.id);
  }
  running = undefined;
}

scope.addEventListener('message', (event) => {
  const message = event.data;
  if (message.type === 'extract') {
    queue.push({ id: message.id, file: message.file, language: message.language });
    void pump();
    return;
  }
  const queued = queue.findIndex((job) => job.id === message.id);
  const job = queued >= 0 ? queue.splice(queued, 1)[0] : undefined;
  if (job) {
    post({ type: 'error', id: job.id, error: extractError('aborted', job.file.name) });
  } else if (running === message.id) {
    cancelled.add(message.id);
    // A page can take seconds to recognize: stop it now rather than at the next checkpoint.
    void ocrEngine?.then((engine) => engine.stop());
  }
});
