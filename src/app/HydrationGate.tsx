import { useSyncExternalStore, type ReactNode } from 'react';
import { chatHydration } from '../store/chatStore';

/** Renders the app only once saved chats are read, so an early update cannot overwrite them. */
export function HydrationGate({ children }: { children: ReactNode }) {
  const hydrated = useSyncExternalStore(chatHydration.subscribe, chatHydration.isDone);
  if (!hydrated)
    return (
      <p className="splash" role="status">
        Opening your chats…
      </p>
    );
  return children;
}
