import { useSyncExternalStore, type ReactNode } from 'react';
import { chatHydration } from '../store/chatStore';
import type { Hydration } from '../store/hydration';
import { modelHydration } from '../store/modelStore';

function useHydrated(hydration: Hydration): boolean {
  return useSyncExternalStore(hydration.subscribe, hydration.isDone);
}

/** Renders the app only once saved chats and models are read, so an early update cannot overwrite them. */
export function HydrationGate({ children }: { children: ReactNode }) {
  const chats = useHydrated(chatHydration);
  const models = useHydrated(modelHydration);
  if (!chats || !models)
    return (
      <p className="splash" role="status">
        Opening your chats…
      </p>
    );
  return children;
}
