import { useSyncExternalStore, type ReactNode } from 'react';
import { useChatStore } from '../store/chatStore';

const subscribe = (onChange: () => void) => useChatStore.persist.onFinishHydration(onChange);
const hasHydrated = () => useChatStore.persist.hasHydrated();

/** Renders the app only once saved chats are read, so an early update cannot overwrite them. */
export function HydrationGate({ children }: { children: ReactNode }) {
  const hydrated = useSyncExternalStore(subscribe, hasHydrated);
  if (!hydrated)
    return (
      <p className="splash" role="status">
        Opening your chats…
      </p>
    );
  return children;
}
