/**
 * One file to an ExtractedDocument: limits, kind detection, the kind's extractor, and the checks
 * that follow (empty, too much text). Runs inside the extraction worker; the heavy libraries are
 * handed in as loaders so they load only for the kinds that need them (and so Node tests can hand
 * in Node builds). Throws ExtractFailure for every expected failure.
 */
import {
  MAX_DOCUMENT_BYTES,
  MAX_DOCUMENT_CHARS,
  PAGE_SEPARATOR,
  type DocumentKind,
  type DocumentPage,
  type ExtractedDocument,
} from '../types';
import type { OcrLanguage } from '../ocrLanguages';
import { declaredHtmlCharset, decodeText, detectKind, isBlank, normalizeText } from './detect';
import { ExtractFailure, extractError, fail, isExtractAbort } from './errors';
import { htmlToText } from './html';
import { imageForOcr, renderPageForOcr, type OcrEngine } from './ocr';
import { extractPdfPages, type PdfExtractOptions, type PdfJsApi } from './pdf';

/** What mammoth offers that we use. */
export interface DocxApi {
  extractRawText(input: { arrayBuffer: ArrayBuffer }): Promise<{ value: string }>;
}

export interface ExtractEnvironment {
  loadPdf(): Promise<{ pdfjs: PdfJsApi; documentOptions?: PdfExtractOptions['documentOptions'] }>;
  loadDocx(): Promise<DocxApi>;
  /** Awaited between steps: yields to the event loop and throws if the request was cancelled. */
  checkpoint(): Promise<void>;
  /** Steps done of total; `ocr`: the next step is OCR reading a picture of a page. */
  onProgress(done: number, total: number, ocr?: boolean): void;
  /** OCR for pages without a text layer and for images; without it they are refused. */
  ocr?: { load(): Promise<OcrEngine>; language: OcrLanguage };
  maxBytes?: number;
  maxChars?: number;
}

/** The file as both threads and Node see it: a Blob with a name. */
export type NamedBlob = Pick<File, 'name' | 'size' | 'type' | 'arrayBuffer'>;

export async function extractFile(
  file: NamedBlob,
  env: ExtractEnvironment,
): Promise<ExtractedDocument> {
  const name = file.name;
  const maxBytes = env.maxBytes ?? MAX_DOCUMENT_BYTES;
  const maxChars = env.maxChars ?? MAX_DOCUMENT_CHARS;
  if (file.size > maxBytes) fail('too-large', name, { bytes: file.size });
  if (file.size === 0) fail('empty', name);

  const buffer = await file.arrayBuffer();
  await env.checkpoint();
  const bytes = new Uint8Array(buffer);
  const detection = detectKind(name, bytes, file.type);
  if (!detection.ok) fail(detection.code, name, detection.context);
  const kind = detection.kind;

  if (kind === 'pdf') {
    const { pdfjs, documentOptions } = await env.loadPdf();
    await env.checkpoint();
    const ocr = env.ocr;
    const pages = await extractPdfPages(bytes, pdfjs, {
      fileName: name,
      maxChars,
      checkpoint: env.checkpoint,
      onProgress: env.onProgress,
      documentOptions,
      ...(ocr && {
        ocrPage: (page) => recognize(name, env, async () => renderPageForOcr(page)),
      }),
    });
    return assemble(name, kind, pages, pages.length);
  }

  if (kind === 'image') {
    if (!env.ocr) fail('unsupported-type', name);
    env.onProgress(0, 1, true);
    const text = (await recognize(name, env, () => imageForOcr(bytes))).trim();
    if (isBlank(text)) fail('no-text-layer', name);
    env.onProgress(1, 1);
    return assemble(name, kind, [{ number: 1, text }], null);
  }

  env.onProgress(0, 1);
  // A UTF-8 character takes at most 4 bytes: beyond this the text cannot fit, decoded or not.
  if ((kind === 'text' || kind === 'markdown') && bytes.length > 4 * maxChars) {
    fail('too-much-text', name);
  }
  let text: string;
  switch (kind) {
    case 'text':
    case 'markdown':
      // Markdown stays as written: its marks carry structure a model reads well.
      text = decodeText(bytes);
      break;
    case 'html':
      text = htmlToText(decodeText(bytes, declaredHtmlCharset(bytes)));
      break;
    case 'docx':
      text = await docxText(buffer, name, env);
      break;
  }
  text = text.trim();
  if (isBlank(text)) fail('empty', name);
  if (text.length > maxChars) fail('too-much-text', name);
  env.onProgress(1, 1);
  return assemble(name, kind, [{ number: 1, text }], null);
}

/**
 * OCR of one picture. A cancel stops the engine, whose promise then rejects: the checkpoint turns
 * that into the cancel it was; any other failure is the engine's.
 */
async function recognize(
  name: string,
  env: ExtractEnvironment,
  picture: () => Promise<OffscreenCanvas>,
): Promise<string> {
  const ocr = env.ocr;
  if (!ocr) return '';
  try {
    const engine = await ocr.load();
    await env.checkpoint();
    return await engine.recognize(await picture(), ocr.language);
  } catch (err) {
    if (isExtractAbort(err)) throw err;
    await env.checkpoint();
    console.error(err);
    throw new ExtractFailure(extractError('ocr-failed', name));
  }
}

async function docxText(buffer: ArrayBuffer, name: string, env: ExtractEnvironment) {
  const mammoth = await env.loadDocx();
  await env.checkpoint();
  try {
    const { value } = await mammoth.extractRawText({ arrayBuffer: buffer });
    return normalizeText(value).replace(/\n{3,}/g, '\n\n');
  } catch (err) {
    if (err instanceof ExtractFailure) throw err;
    // Not a Word document inside (another kind of ZIP), or a damaged one.
    throw new ExtractFailure(extractError('corrupt', name));
  }
}

function assemble(
  name: string,
  kind: DocumentKind,
  pages: DocumentPage[],
  pageCount: number | null,
): ExtractedDocument {
  const text = pages.map((page) => page.text).join(PAGE_SEPARATOR);
  return { name, kind, pages, pageCount, text, chars: text.length };
}
