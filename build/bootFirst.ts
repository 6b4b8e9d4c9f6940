import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const BOOT = fileURLToPath(new URL('../src/boot.ts', import.meta.url));

/**
 * Builds src/boot.ts as an entry of its own and loads it from index.html ahead of the app. Vite
 * bundles every script index.html names into one entry, which runs only once all of the app's
 * JavaScript (about 500 KB) has arrived and React has been evaluated; on its own, the boot script
 * runs as soon as its few kilobytes arrive. The app imports it too, so it runs once, and in
 * development (no bundle) that import is what runs it.
 */
export function bootFirst(): Plugin {
  return {
    name: 'nook:boot-first',
    apply: 'build',
    config: () => ({ build: { rollupOptions: { input: { index: 'index.html', boot: BOOT } } } }),
    transformIndexHtml: {
      order: 'post',
      handler(html, { bundle }) {
        const boot = Object.values(bundle ?? {}).find(
          (file) => file.type === 'chunk' && file.isEntry && file.facadeModuleId === BOOT,
        );
        if (!boot) throw new Error('nook:boot-first: the build has no chunk for src/boot.ts');
        // Just before the app's script (module scripts run in document order), so after the
        // charset and the content policy, which must come first.
        const app = html.indexOf('<script type="module"');
        if (app < 0) throw new Error('nook:boot-first: index.html has no module script');
        const tag = `<script type="module" crossorigin src="/${boot.fileName}"></script>\n    `;
        return html.slice(0, app) + tag + html.slice(app);
      },
    },
  };
}
