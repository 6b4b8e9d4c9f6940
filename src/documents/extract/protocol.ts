/**
 * The message protocol between the UI thread (extractClient.ts) and the extraction worker
 * (extract.worker.ts). Discriminated unions both ways; every request carries an id, every answer
 * names the id it answers. Types only: shared by both threads.
 */
import type { ExtractedDocument, ExtractError } from '../types';

export type ExtractRequest =
  /** Read `file` (a File is a handle: posting it copies no bytes). */
  | { type: 'extract'; id: number; file: File }
  /** Stop request `id`: dropped if still queued, stopped at the next page if running. */
  | { type: 'cancel'; id: number };

export type ExtractResponse =
  /** Steps done out of total: pages for a PDF, a single step for the other kinds. */
  | { type: 'progress'; id: number; done: number; total: number }
  | { type: 'result'; id: number; document: ExtractedDocument }
  | { type: 'error'; id: number; error: ExtractError };
