/**
 * The extraction worker's one request, as the workers' bridge takes it (src/workers/wire.ts).
 * Types only: shared by both threads.
 */
import type { RequestSpec } from '../../workers/wire';
import type { OcrLanguage } from '../ocrLanguages';
import type { ExtractedDocument } from '../types';

/** Steps done out of total: pages for a PDF, a single step for the other kinds. */
export interface ExtractProgress {
  done: number;
  total: number;
  /** The next step is OCR reading a picture of a page (slow: seconds a page). */
  ocr?: boolean;
}

export type ExtractRequests = {
  /**
   * Read `file` (a File is a handle: posting it copies no bytes); `language` is what pages
   * without a text layer, and images, are written in (for OCR). Aborting drops a queued request
   * or stops a running one at its next page, and OCR at once.
   */
  extract: RequestSpec<{ file: File; language: OcrLanguage }, ExtractedDocument, ExtractProgress>;
};
