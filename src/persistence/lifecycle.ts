/**
 * Page lifecycle hooks for persistence: the last moment to save is when the page is hidden (tab
 * switched, window minimized, phone locked) or unloaded; `pagehide` alone misses some of those.
 */
export function onPageHide(callback: () => void): () => void {
  if (typeof window === 'undefined') return () => undefined;
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') callback();
  };
  window.addEventListener('pagehide', callback);
  document.addEventListener('visibilitychange', onVisibility);
  return () => {
    window.removeEventListener('pagehide', callback);
    document.removeEventListener('visibilitychange', onVisibility);
  };
}
