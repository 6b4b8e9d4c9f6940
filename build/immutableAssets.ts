import type { Plugin } from 'vite';

/**
 * Build files under /assets/ carry a hash of their content in their name, so a name never
 * changes meaning: `vite preview` (what `npm start` serves) tells the browser to keep them
 * (immutable) instead of asking again on every visit, as it does by default. A returning visit
 * then reads the app's scripts and styles from the browser's cache with no request; index.html
 * and the service worker are still checked every time, so a new build is seen at once.
 */
export function immutableAssets(): Plugin {
  return {
    name: 'nook:immutable-assets',
    configurePreviewServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.startsWith('/assets/')) {
          res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        }
        next();
      });
    },
  };
}
