import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';
import { BOOT } from './bootFirst.ts';

/** The app proper, which src/main.tsx loads once the first screen is up. */
export const APP_ROOT = fileURLToPath(new URL('../src/app/Root.tsx', import.meta.url));

/**
 * Puts the code a start needs into three chunks: the boot script's, the first screen's (what the
 * page loads up front) and the app's (src/app/Root.tsx and what it imports statically). Left to
 * itself, Rolldown cut what these share with lazily loaded parts into small chunks of their own:
 * seven files before the app could run, thirteen once more was made lazy, each one more request.
 * Side by side with the thirteen (npm run bench's test build, 21 rounds), one chunk for the app
 * took a first visit to 359 ms against 387, a reload to 129 against 149.
 *
 * The boot script's modules keep a chunk of their own, so it still runs without the rest
 * (e2e/bundle.spec.ts); so does the entry's own module, which Rolldown otherwise folded away.
 */
export function startChunks(): Plugin {
  const bootModules = new Set<string>();
  const appModules = new Set<string>();
  const entryModules = new Set<string>();
  return {
    name: 'nook:start-chunks',
    apply: 'build',
    config: () => ({
      build: {
        rollupOptions: {
          output: {
            codeSplitting: {
              groups: [
                { name: 'boot', priority: 3, test: (id: string) => bootModules.has(id) },
                {
                  name: 'first-screen',
                  priority: 2,
                  tags: ['$initial'],
                  test: (id: string) => !entryModules.has(id),
                },
                { name: 'app', priority: 1, test: (id: string) => appModules.has(id) },
              ],
            },
          },
        },
      },
    }),
    buildEnd() {
      const staticClosure = (root: string, into: Set<string>) => {
        const pending = [root];
        while (pending.length > 0) {
          const id = pending.pop() as string;
          if (into.has(id)) continue;
          into.add(id);
          pending.push(...(this.getModuleInfo(id)?.importedIds ?? []));
        }
      };
      staticClosure(BOOT, bootModules);
      staticClosure(APP_ROOT, appModules);
      for (const id of this.getModuleIds()) {
        const info = this.getModuleInfo(id);
        if (info?.isEntry) {
          entryModules.add(id);
          // index.html's module script, which stands for the page's entry.
          if (id.endsWith('.html')) info.importedIds.forEach((main) => entryModules.add(main));
        }
      }
    },
  };
}
