/**
 * "Erase all data": everything Nook keeps on this device, gone, in an order that lets nothing
 * survive or come back.
 * 1. Other tabs of Nook are told, so they stop writing and close what they hold open.
 * 2. Work in flight is aborted; this page's storage is shut down (pending debounced writes are
 *    dropped, connections closed) and the engine worker is terminated (WebLLM's downloads and its
 *    cache connections with it). Only then can databases be deleted, and stay deleted.
 * 3. The origin's storage is erased: databases, caches, files, web storage, the service worker.
 * 4. The page reloads into the "erased" screen, a fresh page that writes nothing: it runs the
 *    erase once more (catching a database that a connection held back the first time) and says
 *    when it is done. A normal start begins only when the user chooses to.
 */
import { terminateEngine } from '../../engine/client';
import {
  clearPrivateFileSystem,
  clearWebStorage,
  deleteAllDatabases,
  deleteCacheStorage,
  unregisterServiceWorkers,
  type DeleteDatabasesResult,
} from '../../persistence/eraseOrigin';
import { shutDownPersistence } from '../../persistence/idbStorage';
import { inflight } from '../inflight';

/** The address fragment of the page shown after an erase. */
export const ERASED_HASH = '#erased';
const CHANNEL = 'nook-erase';
/** The first pass does not wait long for a connection it cannot close: the second pass will. */
const FIRST_PASS_BLOCKED_MS = 2000;
/** This tab is the one erasing: its own announcement (which it hears too) is not for it. */
let erasingHere = false;

/** Each step, so unit tests can check the order with fakes. */
export interface EraseSteps {
  announce(): void;
  abortWork(): void;
  shutDownPersistence(): Promise<void>;
  terminateEngine(): void;
  deleteAllDatabases: typeof deleteAllDatabases;
  deleteCacheStorage(): Promise<void>;
  clearPrivateFileSystem(): Promise<void>;
  clearWebStorage(): void;
  unregisterServiceWorkers(): Promise<void>;
  showErasedPage(): void;
}

export const browserSteps: EraseSteps = {
  announce() {
    if (typeof BroadcastChannel === 'undefined') return;
    const channel = new BroadcastChannel(CHANNEL);
    channel.postMessage('erase');
    channel.close();
  },
  abortWork() {
    for (const controller of Object.values(inflight)) controller?.abort();
  },
  shutDownPersistence,
  terminateEngine,
  deleteAllDatabases,
  deleteCacheStorage,
  clearPrivateFileSystem,
  clearWebStorage,
  unregisterServiceWorkers,
  showErasedPage() {
    history.replaceState(history.state, '', `${location.pathname}${location.search}${ERASED_HASH}`);
    location.reload();
  },
};

export interface EraseOptions {
  /** Another tab holds a database open; its deletion waits until that tab closes it. */
  onBlocked?: (database: string) => void;
}

/** Stops everything in this page that could write, or hold a database open. */
async function stopThisPage(steps: EraseSteps): Promise<void> {
  steps.abortWork();
  await steps.shutDownPersistence();
  steps.terminateEngine();
}

/** Runs every erase step, even when one fails; rejects with the first failure at the end. */
async function eraseOrigin(
  steps: EraseSteps,
  blockedTimeoutMs: number | undefined,
  onBlocked: EraseOptions['onBlocked'],
): Promise<DeleteDatabasesResult> {
  const failures: unknown[] = [];
  const attempt = async <T>(step: () => T | Promise<T>): Promise<T | undefined> => {
    try {
      return await step();
    } catch (error) {
      failures.push(error);
      return undefined;
    }
  };
  const databases = await attempt(() =>
    steps.deleteAllDatabases({
      ...(blockedTimeoutMs !== undefined && { blockedTimeoutMs }),
      ...(onBlocked && { onBlocked }),
    }),
  );
  await attempt(() => steps.deleteCacheStorage());
  await attempt(() => steps.clearPrivateFileSystem());
  await attempt(() => steps.clearWebStorage());
  await attempt(() => steps.unregisterServiceWorkers());
  if (failures.length > 0) throw failures[0];
  return databases ?? { deleted: [], blocked: [] };
}

/** Erases everything, then reloads into the erased page. */
export async function eraseAllData(
  options: EraseOptions = {},
  steps: EraseSteps = browserSteps,
): Promise<void> {
  erasingHere = true;
  steps.announce();
  await stopThisPage(steps);
  // Whatever fails here, the erased page runs every step again and reports what is left.
  await eraseOrigin(steps, FIRST_PASS_BLOCKED_MS, options.onBlocked).catch(() => undefined);
  steps.showErasedPage();
}

/**
 * The erased page's pass: nothing in this fresh page has written, so once its read-only
 * connections are closed, every deletion can complete (waiting for other tabs if need be).
 */
export async function finishErase(
  options: EraseOptions = {},
  steps: EraseSteps = browserSteps,
): Promise<void> {
  await stopThisPage(steps);
  await eraseOrigin(steps, undefined, options.onBlocked);
}

/** Whether this page is the one shown after an erase. */
export function isErasedPage(): boolean {
  return typeof location !== 'undefined' && location.hash === ERASED_HASH;
}

/** Starts Nook afresh from the erased page. */
export function leaveErasedPage(): void {
  location.replace(`${location.pathname}${location.search}`);
}

/**
 * In every tab: when another tab erases all data, stop writing at once and show the erased
 * page, so that nothing this tab still holds in memory is written back.
 */
export function listenForEraseElsewhere(steps: EraseSteps = browserSteps): () => void {
  if (typeof BroadcastChannel === 'undefined') return () => undefined;
  const channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener('message', () => {
    if (erasingHere) return;
    void stopThisPage(steps).finally(() => steps.showErasedPage());
  });
  return () => channel.close();
}
