/// <reference types="vite-plugin-pwa/client" />
/**
 * The service worker that keeps the app shell for offline use (vite-plugin-pwa's Workbox build;
 * see build/pwa.ts). A new version installs in the background and waits: `onUpdateReady` tells
 * the UI, and `applyUpdate()` switches to it (the page reloads into it), so a page never runs
 * half old, half new. Not registered by the dev server or in unit tests.
 */
let update: ((reloadPage?: boolean) => Promise<void>) | undefined;
let registering = false;

export async function registerServiceWorker(onUpdateReady: () => void): Promise<void> {
  if (registering || import.meta.env.DEV || !('serviceWorker' in navigator)) return;
  registering = true;
  const { registerSW } = await import('virtual:pwa-register');
  update = registerSW({
    onNeedRefresh: onUpdateReady,
    // Without a service worker Nook still works; it only needs the network to open.
    onRegisterError: () => undefined,
  });
}

/** Activates the waiting version; the page reloads once it has taken over. */
export function applyUpdate(): void {
  void update?.(true);
}
