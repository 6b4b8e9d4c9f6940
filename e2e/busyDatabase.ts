import type { Page } from '@playwright/test';

/**
 * Holds Nook's database busy for `ms`, as a slow or busy disk would: a read-write transaction on
 * its store that keeps asking for more, so every write Nook makes meanwhile waits behind it. A
 * reload in that time aborts whatever write is still waiting; only what was stored before is kept.
 */
export async function holdDatabaseBusy(page: Page, ms: number): Promise<void> {
  await page.evaluate(
    (ms) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('nook');
        open.onerror = () => reject(open.error ?? new Error('The database did not open'));
        open.onsuccess = () => {
          const db = open.result;
          db.onversionchange = () => db.close();
          const store = db.transaction('keyval', 'readwrite').objectStore('keyval');
          const until = performance.now() + ms;
          const keepBusy = () => {
            if (performance.now() < until) store.count().onsuccess = keepBusy;
          };
          keepBusy();
          store.transaction.oncomplete = () => db.close();
          resolve();
        };
      }),
    ms,
  );
}
