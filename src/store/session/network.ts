/**
 * Online or offline, as the browser reports it: kept in runtimeStore from the window's
 * `online`/`offline` events, and used (by loadModel) to say why something failed when the cause
 * is a missing network rather than a missing file.
 */
import type { EngineError } from '../../engine/errors';
import { useRuntimeStore } from '../runtimeStore';

/** The part of `window` this module listens to, so unit tests can hand it a plain EventTarget. */
export interface NetworkEvents {
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

/**
 * A download that failed while the browser is offline failed for that reason: the model (or a
 * file of it) is not on this device, and nothing can fetch it now. WebLLM serves files it has
 * cached without the network, so a failed download always means something was missing.
 */
export function explainOffline(error: EngineError, online: boolean): EngineError {
  if (online || error.code !== 'download-failed') return error;
  return { ...error, code: 'network-offline' };
}

/** Keeps `online` current; returns a function that stops. */
export function watchNetwork(
  target: NetworkEvents = window,
  isOnline: () => boolean = () => navigator.onLine,
): () => void {
  const update = () => useRuntimeStore.setState({ online: isOnline() });
  update();
  target.addEventListener('online', update);
  target.addEventListener('offline', update);
  return () => {
    target.removeEventListener('online', update);
    target.removeEventListener('offline', update);
  };
}
