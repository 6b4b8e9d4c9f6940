import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

export const BOOT = fileURLToPath(new URL('../src/boot.ts', import.meta.url));

/**
 * Builds src/boot.ts as an entry of its own and makes it the one script index.html runs. Vite
 * bundles every script index.html names into one entry, which runs only once all of its
 * JavaScript has arrived and React has been evaluated; on its own, the boot script runs as soon as
 * its few kilobytes arrive.
 *
 * The app's entry becomes a modulepreload (fetched and compiled at once, not run) that the boot
 * script imports once the first screen, which index.html already holds
 * (build/prerenderFirstScreen.ts), has been painted. A module script in the page would run
 * before the first paint: on a reload, where every script comes from the cache, the screen waited
 * for React to be evaluated and to hydrate it. The app imports the boot script too, so it runs
 * once, and in development (no bundle) that import is what runs it.
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
        const entry = /<script type="module" crossorigin src="([^"]+)"><\/script>/.exec(html);
        if (!entry) throw new Error('nook:boot-first: index.html has no module script');
        // In the entry's place (after the charset and the content policy, which must come first).
        const tags = [
          `<script type="module" crossorigin src="/${boot.fileName}"></script>`,
          // src/boot.ts finds it by this attribute.
          `<link rel="modulepreload" crossorigin href="${entry[1]}" data-nook-entry>`,
        ];
        return html.replace(entry[0], tags.join('\n    '));
      },
    },
  };
}
