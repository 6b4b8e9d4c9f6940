/**
 * One tab at a time runs a model: two tabs loading multi-GB models onto one GPU would both fail or
 * crawl. The tab with a model holds a Web Lock; another tab that wants the GPU asks it (over a
 * BroadcastChannel) to release its model cleanly, then takes the lock. Where Web Locks are missing
 * every tab may load. UI thread; must not import the store or any view.
 */
const LOCK = 'nook-engine';
const CHANNEL = 'nook-engine-lock';

type Message = { type: 'release-request' };

export interface TabLock {
  /** Takes the lock if no other tab holds it. */
  tryAcquire(): Promise<boolean>;
  /** Asks the holding tab to release, and resolves once this tab holds the lock. */
  takeOver(): Promise<void>;
  release(): void;
  held(): boolean;
  /** Resolves once no tab holds the lock (without taking it); rejects when `signal` aborts. */
  whenFree(signal: AbortSignal): Promise<void>;
  /** Called in the holding tab when another tab asks for the GPU. */
  onReleaseRequested(listener: () => void): void;
}

export function createTabLock(): TabLock {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  const channel =
    typeof BroadcastChannel === 'undefined' ? undefined : new BroadcastChannel(CHANNEL);
  let releaseHeld: (() => void) | undefined;
  let onReleaseRequested: (() => void) | undefined;

  channel?.addEventListener('message', (event: MessageEvent<Message>) => {
    if (event.data.type === 'release-request' && releaseHeld) onReleaseRequested?.();
  });

  /** Holds the lock until release() is called. */
  const hold = () => new Promise<void>((resolve) => (releaseHeld = resolve));

  return {
    async tryAcquire() {
      if (!locks) return true;
      if (releaseHeld) return true;
      let acquired = false;
      await new Promise<void>((resolve) => {
        void locks.request(LOCK, { ifAvailable: true }, (lock) => {
          acquired = lock !== null;
          resolve();
          return acquired ? hold() : undefined;
        });
      });
      return acquired;
    },
    async takeOver() {
      if (!locks || releaseHeld) return;
      channel?.postMessage({ type: 'release-request' } satisfies Message);
      await new Promise<void>((resolve) => {
        void locks.request(LOCK, () => {
          resolve();
          return hold();
        });
      });
    },
    release() {
      releaseHeld?.();
      releaseHeld = undefined;
    },
    held: () => !locks || releaseHeld !== undefined,
    async whenFree(signal) {
      // Granted once the holder lets go, and given back at once: the caller takes it for real
      // with tryAcquire, which another tab may win first.
      await locks?.request(LOCK, { signal }, () => undefined);
    },
    onReleaseRequested(listener) {
      onReleaseRequested = listener;
    },
  };
}
