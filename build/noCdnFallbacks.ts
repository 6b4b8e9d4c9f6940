import type { Plugin } from 'vite';

/**
 * tesseract.js falls back to jsDelivr for its worker, core and language data when no path is
 * given. Nook always gives its own (src/documents/extract/ocrRuntime.ts), but the fallback URLs
 * still sit in the shipped code; they are rewritten to a path of Nook's own origin that serves
 * nothing, so even a missed option could never reach a CDN (e2e/privacy.spec.ts checks the build).
 */
const TESSERACT_CDN = 'https://cdn.jsdelivr.net/npm/';
export function noCdnFallbacks(): Plugin {
  const rewrite = (text: string) => text.replaceAll(TESSERACT_CDN, '/nook-no-cdn/');
  return {
    name: 'nook:no-cdn-fallbacks',
    generateBundle(_, bundle) {
      for (const file of Object.values(bundle)) {
        if (file.type === 'chunk') file.code = rewrite(file.code);
        else if (typeof file.source === 'string') file.source = rewrite(file.source);
        else {
          const text = new TextDecoder().decode(file.source);
          if (text.includes(TESSERACT_CDN)) file.source = rewrite(text);
        }
      }
    },
  };
}
