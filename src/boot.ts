/**
 * index.html runs this, and only this (build/bootFirst.ts). The app waits on the database of saved
 * chats, which the browser opens slowly and elsewhere: asked here, it opens while the app's own
 * JavaScript still downloads and compiles, instead of after it. (WebGPU is asked in the engine
 * worker, which src/main.tsx starts: see engine/gpuProbe.ts.)
 */
import { openSharedDatabase } from './persistence/idbStorage';
import { INTERACTIVE_MARK, markOnce } from './features/stats/startMarks';

// A build writes the first screen into index.html (build/prerenderFirstScreen.ts). A module script
// runs once the page and its stylesheet are parsed, so by now that screen is in the page and its
// message box takes typing, without waiting for React.
if (document.querySelector('#root textarea')) markOnce(INTERACTIVE_MARK);

void openSharedDatabase();

// A build leaves the app's entry to this script: fetched and compiled beside it (a modulepreload),
// and run once the first screen has been painted. A hidden tab paints nothing, so it runs at once.
const entry = document.querySelector<HTMLLinkElement>('link[data-nook-entry]');
if (entry) {
  const start = () =>
    import(/* @vite-ignore */ entry.href).catch(() => {
      const status = document.querySelector('#root [role="status"]');
      if (status) status.textContent = 'Nook could not be loaded. Reload the page to try again.';
    });
  if (document.visibilityState === 'hidden') start();
  else requestAnimationFrame(() => setTimeout(start));
}
