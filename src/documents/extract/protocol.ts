/**
 * The message protocol between the UI thread (extractClient.ts) and the extraction worker
 * (extract.worker.ts). Discriminated unions both ways; every request carries an id, every answer
 * names the id it answers. Types only: shared by both threads.
 */
import type { OcrLanguage } from '../ocrLanguages';
import type { ExtractedDocument, ExtractError } from '../types';

export type ExtractRequest =
  /** Read `file` (a File is a handle: posting it copies no bytes). */
  /** `language`: what pages without a text layer, and images, are written in (for OCR). */
  | { type: 'extract'; id: number; file: File; language: OcrLanguage }
  /** Stop request `id`: dropped if still queued, stopped at the next page if running. */
  | { type: 'cancel'; id: number };

export type ExtractResponse =
  /** Steps done out of total: pages for a PDF, a single step for the other kinds. */
  /** `ocr`: the next step is OCR reading a picture of a page (slow: seconds a page). */
  | { type: 'progress'; id: number; done: number; total: number; ocr?: boolean }
  | { type: 'result'; id: number; document: ExtractedDocument }
  | { type: 'error'; id: number; error: ExtractError };
