/**
 * Whether a persisted store has read its saved state once. zustand's own flag turns false again
 * while a store re-reads (another tab wrote), which must not hide the app; this one stays true.
 */
interface PersistApi {
  hasHydrated(): boolean;
  onFinishHydration(listener: () => void): () => void;
}

export interface Hydration {
  subscribe(listener: () => void): () => void;
  isDone(): boolean;
}

export function firstHydration(persist: PersistApi): Hydration {
  let done = persist.hasHydrated();
  const listeners = new Set<() => void>();
  persist.onFinishHydration(() => {
    done = true;
    listeners.forEach((listener) => listener());
  });
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    isDone: () => done,
  };
}
