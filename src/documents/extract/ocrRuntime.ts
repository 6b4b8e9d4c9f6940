/**
 * tesseract.js as the extraction worker runs it: its own worker (a nested one, so recognition
 * never runs on this thread either), its WebAssembly core and the language data, all served by
 * Nook from the installed packages, never from tesseract's default CDN: the worker and the core by
 * `?url` (files of our own origin, hashed like any asset), the language data from OCR_DATA_PATH,
 * where build/ocrLanguageData.ts puts it under the names tesseract asks for (`eng.traineddata.gz`).
 * (Handing tesseract.js 7.0.0 the data as bytes does not work: its worker initializes with the
 * bytes as the language's name, `l.data` for `l.code`.) tesseract's own IndexedDB cache is off:
 * the files are ours already, and "Erase all data" should have nothing extra to find.
 * Loaded only by the extraction worker, and only when a page needs OCR.
 */
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import workerUrl from 'tesseract.js/dist/worker.min.js?url';
import coreUrl from 'tesseract.js-core/tesseract-core-lstm.wasm.js?url';
import simdCoreUrl from 'tesseract.js-core/tesseract-core-simd-lstm.wasm.js?url';
import { OCR_DATA_PATH, type OcrLanguage } from '../ocrLanguages';
import type { OcrEngine } from './ocr';

/** The smallest module with a SIMD instruction (wasm-feature-detect's probe for simd128). */
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 10, 1, 8, 0, 65, 0, 253, 15,
  253, 98, 11,
]);

let current: { language: OcrLanguage; worker: Promise<TesseractWorker> } | undefined;

function workerFor(language: OcrLanguage): Promise<TesseractWorker> {
  if (current?.language === language) return current.worker;
  const previous = current;
  const worker = (async () => {
    await previous?.worker.then((w) => w.terminate()).catch(() => undefined);
    return createWorker(language, OEM.LSTM_ONLY, {
      workerPath: workerUrl,
      langPath: new URL(OCR_DATA_PATH, self.location.origin).href,
      corePath: WebAssembly.validate(SIMD_PROBE) ? simdCoreUrl : coreUrl,
      workerBlobURL: false,
      cacheMethod: 'none',
      gzip: true,
    });
  })();
  current = { language, worker };
  // A worker that failed to start is not kept: the next page tries again.
  worker.catch(() => {
    if (current?.worker === worker) current = undefined;
  });
  return worker;
}

/** Recognitions under way: a stop rejects them, since a terminated tesseract worker never answers. */
const running = new Set<(reason: Error) => void>();

export const ocr: OcrEngine = {
  async recognize(image, language) {
    let cancel: (reason: Error) => void = () => undefined;
    const stopped = new Promise<never>((_, reject) => (cancel = reject));
    running.add(cancel);
    try {
      // A stop can come while the worker is still starting, as well as while it reads.
      const worker = await Promise.race([workerFor(language), stopped]);
      const { data } = await Promise.race([worker.recognize(image), stopped]);
      return data.text;
    } finally {
      running.delete(cancel);
    }
  },
  /** Stops recognition now: tesseract has no cancel, so its worker goes (a new one comes next). */
  stop() {
    const stopping = current;
    current = undefined;
    for (const cancel of running) cancel(new Error('OCR stopped'));
    void stopping?.worker.then((w) => w.terminate()).catch(() => undefined);
  },
};
