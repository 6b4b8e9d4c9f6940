/**
 * The shapes documents take once their text is out of the file: shared by the extraction worker,
 * its client, the chunker and everything downstream (summaries, retrieval). Types and limits only;
 * no imports, so both threads can use it.
 *
 * Pages: a PDF keeps its real page numbers (1-based, one DocumentPage per page, in order, blank
 * pages included with empty text). Every other kind has no pages of its own and becomes a single
 * page numbered 1 with `pageCount: null`; headings are not turned into pretend "pages", so a page
 * number shown to the user always means a page of a PDF.
 */

/** `image`: a picture of text (a photo, a scan) attached as a document, read by OCR. */
export type DocumentKind = 'pdf' | 'docx' | 'html' | 'markdown' | 'text' | 'image';

export interface DocumentPage {
  /** 1-based. For PDFs the page's number in the file; 1 for every other kind. */
  number: number;
  text: string;
}

export interface ExtractedDocument {
  /** The file name as the user chose it. */
  name: string;
  kind: DocumentKind;
  pages: DocumentPage[];
  /** The number of pages of a PDF; null when the format has no pages. */
  pageCount: number | null;
  /** The pages' text joined with blank lines (PAGE_SEPARATOR). */
  text: string;
  /** `text.length` (UTF-16 code units). */
  chars: number;
}

/** What separates two pages in `ExtractedDocument.text`; the chunker relies on it. */
export const PAGE_SEPARATOR = '\n\n';

export type ExtractErrorCode =
  | 'empty'
  | 'too-large'
  | 'too-much-text'
  | 'encrypted'
  | 'no-text-layer'
  | 'ocr-failed'
  | 'corrupt'
  | 'binary'
  | 'unsupported-type'
  | 'aborted';

export interface ExtractError {
  code: ExtractErrorCode;
  /** The sentence the UI shows: names the file, says what happened and what to do. */
  message: string;
}

/** Files larger than this are refused before a byte is read. */
export const MAX_DOCUMENT_BYTES = 100 * 1024 * 1024;
/** Documents whose text is longer than this are refused (about 1.7 M tokens). */
export const MAX_DOCUMENT_CHARS = 5_000_000;
