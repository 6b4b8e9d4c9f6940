/**
 * Nook as an installable app that works offline: its manifest, and the service worker that
 * precaches the whole app (vite-plugin-pwa, workbox).
 */
import { VitePWA } from 'vite-plugin-pwa';

export function pwa() {
  return VitePWA({
    // A new version waits until the user chooses "Update" (src/features/privacy/).
    registerType: 'prompt',
    injectRegister: false,
    // The icons are precached by globPatterns below, once.
    includeManifestIcons: false,
    manifest: {
      id: '/',
      name: 'Nook',
      short_name: 'Nook',
      description: 'A private AI chat that runs entirely in your browser, on your GPU.',
      start_url: '/',
      scope: '/',
      display: 'standalone',
      theme_color: '#2f5d50',
      background_color: '#faf8f4',
      icons: [
        { src: 'pwa-192x192.png', sizes: '192x192', type: 'image/png' },
        { src: 'pwa-512x512.png', sizes: '512x512', type: 'image/png' },
        {
          src: 'maskable-icon-512x512.png',
          sizes: '512x512',
          type: 'image/png',
          purpose: 'maskable',
        },
      ],
    },
    workbox: {
      // The whole app shell, the engine worker and WebLLM's runtime chunk included, so that
      // after one visit Nook opens and chats with the network off; pdf.js's character maps
      // (bcmap, 1.7 MB) too, so documents in any script can be read offline.
      // OCR's language data (7 MB for four languages) too, so scans are read offline as well.
      globPatterns: ['**/*.{html,js,css,svg,png,wasm,bcmap}', 'ocr/**/*.traineddata.gz'],
      // WebLLM's runtime chunk is about 6 MB.
      maximumFileSizeToCacheInBytes: 16 * 1024 * 1024,
      // Any address of the app (with its query) opens the cached shell.
      navigateFallback: 'index.html',
      cleanupOutdatedCaches: true,
      // Nothing is cached at run time: model files are WebLLM's to keep (in IndexedDB), and
      // nothing from another origin passes through this cache.
      runtimeCaching: [],
    },
  });
}
