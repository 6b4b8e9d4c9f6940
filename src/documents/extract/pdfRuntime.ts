/**
 * pdf.js as the extraction worker runs it. There is no nested worker here, so pdf.js's own worker
 * code runs in this same thread: importing `pdf.worker.mjs` defines `globalThis.pdfjsWorker`, and
 * pdf.js then sets up its in-thread ("fake") worker from it instead of spawning one (the route
 * pdf.js's api.js checks first, see PDFWorker#mainThreadWorkerMessageHandler). Loaded only by the
 * worker, and only when a PDF arrives.
 *
 * CMaps (needed for CJK text that uses predefined encodings such as UniJIS-UCS2-H) are shipped
 * with the app as files of our own origin and served through a BinaryDataFactory, so pdf.js never
 * fetches from a CDN. Standard font data and the image decoders' wasm are not shipped: text
 * extraction reads non-embedded standard fonts by name and never decodes images.
 */
import { getDocument } from 'pdfjs-dist';
import 'pdfjs-dist/build/pdf.worker.mjs';
import { OffscreenCanvasFactory } from './ocr';
import type { PdfExtractOptions, PdfJsApi } from './pdf';

const CMAP_DIR = '/node_modules/pdfjs-dist/cmaps/';
/** CMap file name to its URL in the build; `no-inline` keeps them files (no data: URLs). */
const cMapUrls = import.meta.glob<string>('/node_modules/pdfjs-dist/cmaps/*.bcmap', {
  query: '?url&no-inline',
  import: 'default',
  eager: true,
});

/** Answers pdf.js's requests for binary data (`useWorkerFetch: false` routes them here). */
class AppBinaryDataFactory {
  async fetch({ kind, filename }: { kind: string; filename: string }): Promise<Uint8Array> {
    const url = kind === 'cMapUrl' ? cMapUrls[CMAP_DIR + filename] : undefined;
    if (!url) throw new Error(`Nook does not ship pdf.js ${kind} data "${filename}"`);
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
}

export const pdfjs: PdfJsApi = { getDocument };

export const documentOptions: PdfExtractOptions['documentOptions'] = {
  BinaryDataFactory: AppBinaryDataFactory,
  // Pages are drawn (for OCR) here, in a worker: on OffscreenCanvas, pdf.js's default needs a document.
  CanvasFactory: OffscreenCanvasFactory,
  cMapPacked: true,
};
