/**
 * PDF pages to text with pdf.js, one page at a time, with a checkpoint between pages so a cancel
 * stops a long document. pdf.js is passed in (the worker gives it the browser build, the Node
 * tests the legacy build), so this module imports only its types. Options that keep pdf.js
 * within the app's CSP are set here: no eval (`isEvalSupported: false`) and no fetching by pdf.js
 * itself (`useWorkerFetch: false`; the binary data it asks for goes through `BinaryDataFactory`).
 */
import type { DocumentInitParameters } from 'pdfjs-dist/types/src/display/api';
import type { PDFDocumentLoadingTask, PDFPageProxy } from 'pdfjs-dist';
import { PAGE_SEPARATOR, type DocumentPage } from '../types';
import { classifyExtractError, ExtractFailure, fail, isExtractAbort } from './errors';
import { joinTextItems } from './pdfText';

export interface PdfJsApi {
  getDocument(src: DocumentInitParameters): PDFDocumentLoadingTask;
}

export interface PdfExtractOptions {
  fileName: string;
  maxChars: number;
  /** Awaited before each page: yields to the event loop and throws if the request was cancelled. */
  checkpoint(): Promise<void>;
  /** Pages done of total; `ocr`: the next page has no text layer and is being read by OCR. */
  onProgress(done: number, total: number, ocr?: boolean): void;
  /** Extra getDocument parameters: where CMaps come from. */
  documentOptions?: Partial<DocumentInitParameters>;
  /** Reads a page without a text layer from its picture; without it such pages stay empty. */
  ocrPage?: (page: PDFPageProxy) => Promise<string>;
}

/**
 * Below this many non-space characters per page on average, the text layer is missing (scanned
 * pages, or only a stray page number): we say so instead of summarizing nothing. Low on purpose:
 * a one-page PDF holding a short line of CJK text is still a document.
 */
export const MIN_CHARS_PER_PAGE = 10;

/** A page with less text than this is a scanned one (or blank): OCR reads it, where available. */
function lacksText(text: string): boolean {
  return text.replace(/\s+/g, '').length < MIN_CHARS_PER_PAGE;
}

export function hasTextLayer(pages: readonly DocumentPage[]): boolean {
  let visible = 0;
  for (const page of pages) visible += page.text.replace(/\s+/g, '').length;
  return pages.length > 0 && visible >= MIN_CHARS_PER_PAGE * pages.length;
}

export async function extractPdfPages(
  data: Uint8Array,
  pdfjs: PdfJsApi,
  options: PdfExtractOptions,
): Promise<DocumentPage[]> {
  const { fileName } = options;
  const task = pdfjs.getDocument({
    data,
    isEvalSupported: false,
    useWorkerFetch: false,
    // Non-embedded standard fonts: read them by name instead of loading font data; text does not
    // need the glyph outlines.
    useSystemFonts: true,
    disableFontFace: true,
    enableXfa: false,
    stopAtErrors: false,
    verbosity: 0, // errors only: warnings about fonts and the in-thread "fake worker" are noise
    ...options.documentOptions,
  });
  try {
    let pdf;
    try {
      pdf = await task.promise;
    } catch (err) {
      throw new ExtractFailure(classifyExtractError(err, fileName));
    }
    const total = pdf.numPages;
    if (total === 0) fail('empty', fileName);
    options.onProgress(0, total);
    const pages: DocumentPage[] = [];
    let chars = 0;
    let failed = 0;
    for (let number = 1; number <= total; number++) {
      await options.checkpoint();
      let text = '';
      try {
        const page = await pdf.getPage(number);
        const content = await page.getTextContent();
        text = joinTextItems(content.items);
        // Mixed documents: pages with text are read directly, only the others by OCR.
        if (options.ocrPage && lacksText(text)) {
          options.onProgress(number - 1, total, true);
          text = (await options.ocrPage(page)).trim();
          await options.checkpoint();
        }
        page.cleanup();
      } catch (err) {
        if (isExtractAbort(err) || err instanceof ExtractFailure) throw err;
        failed++;
      }
      pages.push({ number, text });
      chars += text.length + PAGE_SEPARATOR.length;
      if (chars > options.maxChars) fail('too-much-text', fileName);
      options.onProgress(number, total);
    }
    if (failed > 0) fail('corrupt', fileName);
    if (!hasTextLayer(pages)) fail('no-text-layer', fileName);
    return pages;
  } finally {
    await task.destroy();
  }
}
