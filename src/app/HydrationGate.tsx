import { useSyncExternalStore, type ReactNode } from 'react';
import { chatHydration } from '../store/chatStore';
import type { Hydration } from '../store/hydration';
import { documentHydration } from '../store/documentStore';
import { modelHydration } from '../store/modelStore';
import { FirstScreen, OPENING_CHATS } from './FirstScreen';

function useHydrated(hydration: Hydration): boolean {
  return useSyncExternalStore(hydration.subscribe, hydration.isDone);
}

/** Renders the app only once saved chats, models and documents are read, so an early update cannot overwrite them. */
export function HydrationGate({ children }: { children: ReactNode }) {
  const chats = useHydrated(chatHydration);
  const models = useHydrated(modelHydration);
  const documents = useHydrated(documentHydration);
  if (!chats || !models || !documents) return <FirstScreen status={OPENING_CHATS} />;
  return children;
}
