/**
 * Reading text from pictures of it: what the extraction steps need of an OCR engine (ocrRuntime.ts
 * is tesseract.js; tests hand in fakes), PDF pages drawn at a size OCR reads well, and images
 * decoded by the browser. Runs in the extraction worker (OffscreenCanvas, createImageBitmap).
 */
import type { PDFPageProxy } from 'pdfjs-dist';
import type { OcrLanguage } from '../ocrLanguages';

export interface OcrEngine {
  recognize(image: OffscreenCanvas, language: OcrLanguage): Promise<string>;
  /** Stops what is running (a cancel): the promise of recognize() then rejects. */
  stop(): void;
}

/** Printed text at 200 dots per inch is large enough for OCR and keeps a page quick to read. */
const OCR_DPI = 200;
const MAX_SIDE_PX = 2400;

/** pdf.js's canvases, off-screen (its default factory needs a document, which a worker lacks). */
export class OffscreenCanvasFactory {
  create(width: number, height: number) {
    const canvas = new OffscreenCanvas(width, height);
    return { canvas, context: canvas.getContext('2d', { willReadFrequently: true }) };
  }
  reset(target: { canvas: OffscreenCanvas }, width: number, height: number) {
    target.canvas.width = width;
    target.canvas.height = height;
  }
  destroy(target: { canvas: OffscreenCanvas | null; context: unknown }) {
    if (target.canvas) target.canvas.width = target.canvas.height = 0;
    target.canvas = null;
    target.context = null;
  }
}

/** A white canvas to draw on: OCR reads dark text on light, and a PDF page has no background. */
function whiteCanvas(width: number, height: number) {
  const canvas = new OffscreenCanvas(Math.max(1, width), Math.max(1, height));
  const context = canvas.getContext('2d');
  if (!context) throw new Error('No 2D canvas in this browser');
  context.fillStyle = '#fff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  return { canvas, context };
}

export async function renderPageForOcr(page: PDFPageProxy): Promise<OffscreenCanvas> {
  const base = page.getViewport({ scale: 1 });
  const scale = Math.min(OCR_DPI / 72, MAX_SIDE_PX / Math.max(base.width, base.height));
  const viewport = page.getViewport({ scale });
  const { canvas, context } = whiteCanvas(Math.ceil(viewport.width), Math.ceil(viewport.height));
  await page.render({
    canvas: canvas as unknown as HTMLCanvasElement,
    canvasContext: context as unknown as CanvasRenderingContext2D,
    viewport,
  }).promise;
  return canvas;
}

/** An image file drawn on white (a transparent PNG's text stays readable), scaled to fit. */
export async function imageForOcr(bytes: Uint8Array): Promise<OffscreenCanvas> {
  const bitmap = await createImageBitmap(new Blob([bytes as BlobPart]));
  try {
    const scale = Math.min(1, MAX_SIDE_PX / Math.max(bitmap.width, bitmap.height));
    const width = Math.round(bitmap.width * scale);
    const height = Math.round(bitmap.height * scale);
    const { canvas, context } = whiteCanvas(width, height);
    context.drawImage(bitmap, 0, 0, width, height);
    return canvas;
  } finally {
    bitmap.close();
  }
}
