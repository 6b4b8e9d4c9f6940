import { newChat } from '../../store/actions/conversations';

/**
 * Starts presentation mode in a clean chat. Full screen must be asked for inside the click
 * (browsers allow it only in answer to a user action); where it is not allowed, presentation mode
 * is just the layout.
 */
export function startPresentation(): void {
  if (document.fullscreenEnabled && !document.fullscreenElement) {
    document.documentElement.requestFullscreen?.().catch(() => undefined);
  }
  // A clean chat to present in (an empty open chat is reused).
  newChat();
}
