import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToString } from 'react-dom/server';
import { createServer, type Plugin } from 'vite';

const FIRST_SCREEN = '/src/app/FirstScreen.tsx';
const ROOT = '<div id="root"></div>';

/**
 * Writes the first screen (src/app/FirstScreen.tsx) into index.html's #root, rendered by React at
 * build time. The header and the message box are then on screen, and the box takes typing, as soon
 * as the page and its stylesheet are parsed: before any of the page's JavaScript has arrived, let
 * alone React. src/main.tsx hydrates this markup (the same component, the same props), so what was
 * typed in the meantime stays where it is.
 */
export function prerenderFirstScreen(): Plugin {
  return {
    name: 'nook:prerender-first-screen',
    apply: 'build',
    transformIndexHtml: {
      order: 'pre',
      async handler(html) {
        if (!html.includes(ROOT)) throw new Error(`nook:prerender-first-screen: no ${ROOT}`);
        // Vite loads the component as the app's code would be loaded (TypeScript, JSX; its CSS
        // imports are left out), beside the build rather than inside it.
        const server = await createServer({
          root: fileURLToPath(new URL('..', import.meta.url)),
          configFile: false,
          logLevel: 'error',
          appType: 'custom',
          server: { middlewareMode: true, hmr: false, ws: false },
          optimizeDeps: { noDiscovery: true, include: [] },
        });
        try {
          const { FirstScreen, OPENING_CHATS } = (await server.ssrLoadModule(FIRST_SCREEN)) as {
            FirstScreen: (props: { status: string }) => ReturnType<typeof createElement>;
            OPENING_CHATS: string;
          };
          const markup = renderToString(createElement(FirstScreen, { status: OPENING_CHATS }));
          return html.replace(ROOT, `<div id="root">${markup}</div>`);
        } finally {
          await server.close();
        }
      },
    },
  };
}
