/** The languages Nook ships OCR data for (tesseract's "best_int" models). Pure; both threads. */
export const OCR_LANGUAGES = [
  { code: 'eng', label: 'English' },
  { code: 'deu', label: 'German (Deutsch)' },
  { code: 'fra', label: 'French (Français)' },
  { code: 'spa', label: 'Spanish (Español)' },
] as const;

export type OcrLanguage = (typeof OCR_LANGUAGES)[number]['code'];

/**
 * Where the app serves the language data (from @tesseract.js-data/<code>/4.0.0_best_int, copied
 * there by build/ocrLanguageData.ts), as `<code>.traineddata.gz`.
 */
export const OCR_DATA_PATH = '/ocr/4.0.0_best_int/';

export const DEFAULT_OCR_LANGUAGE: OcrLanguage = 'eng';

export function ocrLanguage(value: unknown): OcrLanguage | undefined {
  return OCR_LANGUAGES.find((l) => l.code === value)?.code;
}

export function ocrLanguageLabel(code: OcrLanguage): string {
  return OCR_LANGUAGES.find((l) => l.code === code)?.label ?? code;
}
