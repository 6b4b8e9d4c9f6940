import { createReadStream, readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import { OCR_DATA_PATH, OCR_LANGUAGES } from '../src/documents/ocrLanguages.ts';

/**
 * OCR's language data, served by Nook itself under the names tesseract.js asks for
 * (OCR_DATA_PATH + `eng.traineddata.gz`), copied from the installed @tesseract.js-data packages:
 * into the build, and by the dev server straight from node_modules. Never from a CDN.
 */
export function ocrLanguageData(): Plugin {
  const source = (code: string) =>
    new URL(
      `../node_modules/@tesseract.js-data/${code}/4.0.0_best_int/${code}.traineddata.gz`,
      import.meta.url,
    );
  const files = new Map(OCR_LANGUAGES.map(({ code }) => [`${code}.traineddata.gz`, source(code)]));
  return {
    name: 'nook:ocr-language-data',
    configureServer(server) {
      server.middlewares.use(OCR_DATA_PATH, (req, res, next) => {
        const file = files.get((req.url ?? '').replace(/^\//, '').split('?')[0] ?? '');
        if (!file) return next();
        res.setHeader('Content-Type', 'application/gzip');
        createReadStream(file).pipe(res);
      });
    },
    generateBundle() {
      for (const [name, file] of files) {
        this.emitFile({
          type: 'asset',
          fileName: `${OCR_DATA_PATH.slice(1)}${name}`,
          source: readFileSync(file),
        });
      }
    },
  };
}
