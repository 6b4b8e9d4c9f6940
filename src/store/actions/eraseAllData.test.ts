import { describe, expect, it, vi } from 'vitest';
import { eraseAllData, finishErase, type EraseSteps } from './eraseAllData';

/** Fake steps that record the order they ran in. */
function recordingSteps(overrides: Partial<EraseSteps> = {}) {
  const order: string[] = [];
  const step =
    <T>(name: string, result?: T) =>
    () => {
      order.push(name);
      return result as T;
    };
  const asyncStep =
    <T>(name: string, result?: T) =>
    async () => {
      order.push(name);
      return result as T;
    };
  const steps: EraseSteps = {
    announce: step('announce'),
    abortWork: step('abortWork'),
    shutDownPersistence: asyncStep('shutDownPersistence'),
    terminateEngine: step('terminateEngine'),
    deleteAllDatabases: asyncStep('deleteAllDatabases', { deleted: [], blocked: [] }),
    deleteCacheStorage: asyncStep('deleteCacheStorage'),
    clearPrivateFileSystem: asyncStep('clearPrivateFileSystem'),
    clearWebStorage: step('clearWebStorage'),
    unregisterServiceWorkers: asyncStep('unregisterServiceWorkers'),
    showErasedPage: step('showErasedPage'),
    ...overrides,
  };
  return { steps, order };
}

describe('eraseAllData', () => {
  it('stops everything that writes or holds a database open before deleting, and reloads last', async () => {
    const { steps, order } = recordingSteps();
    await eraseAllData({}, steps);
    expect(order).toEqual([
      'announce',
      'abortWork',
      'shutDownPersistence',
      'terminateEngine',
      'deleteAllDatabases',
      'deleteCacheStorage',
      'clearPrivateFileSystem',
      'clearWebStorage',
      'unregisterServiceWorkers',
      'showErasedPage',
    ]);
  });

  it('waits for persistence to shut down (pending writes, open connections) before deleting', async () => {
    let finishShutDown: () => void = () => undefined;
    const { steps, order } = recordingSteps({
      shutDownPersistence: () =>
        new Promise<void>((resolve) => {
          finishShutDown = resolve;
        }),
    });
    const erasing = eraseAllData({}, steps);
    await Promise.resolve();
    expect(order).not.toContain('deleteAllDatabases');
    finishShutDown();
    await erasing;
    expect(order).toContain('deleteAllDatabases');
  });

  it('does not wait forever for a database another tab holds: the erased page finishes it', async () => {
    const deleteAllDatabases = vi.fn(async () => ({ deleted: [], blocked: ['nook'] }));
    const { steps, order } = recordingSteps({ deleteAllDatabases });
    await eraseAllData({}, steps);
    expect(deleteAllDatabases).toHaveBeenCalledWith(
      expect.objectContaining({ blockedTimeoutMs: expect.any(Number) }),
    );
    expect(order.at(-1)).toBe('showErasedPage');
  });

  it('runs the remaining steps when one fails, and still shows the erased page', async () => {
    const { steps, order } = recordingSteps({
      deleteCacheStorage: async () => {
        throw new Error('caches are broken');
      },
    });
    await eraseAllData({}, steps);
    expect(order).toEqual(
      expect.arrayContaining(['clearWebStorage', 'unregisterServiceWorkers', 'showErasedPage']),
    );
  });
});

describe('finishErase', () => {
  it('stops this page, then erases, waiting as long as a held database takes', async () => {
    const deleteAllDatabases = vi.fn(async () => ({ deleted: ['nook'], blocked: [] }));
    const { steps, order } = recordingSteps({ deleteAllDatabases });
    await finishErase({}, steps);
    expect(order.slice(0, 3)).toEqual(['abortWork', 'shutDownPersistence', 'terminateEngine']);
    expect(deleteAllDatabases).toHaveBeenCalledWith({});
    expect(order).not.toContain('showErasedPage');
  });

  it('reports a step that failed, after running the others', async () => {
    const { steps, order } = recordingSteps({
      clearPrivateFileSystem: async () => {
        throw new Error('no OPFS');
      },
    });
    await expect(finishErase({}, steps)).rejects.toThrow('no OPFS');
    expect(order).toContain('unregisterServiceWorkers');
  });
});

describe('listenForEraseElsewhere', () => {
  it('stops this tab and shows the erased page when another tab erases, but not for its own erase', async () => {
    vi.resetModules();
    const { eraseAllData, listenForEraseElsewhere } = await import('./eraseAllData');
    const listener = recordingSteps();
    const stop = listenForEraseElsewhere(listener.steps);
    const announcer = new BroadcastChannel('nook-erase');
    announcer.postMessage('erase');
    await vi.waitFor(() => expect(listener.order).toContain('showErasedPage'));
    expect(listener.order).toEqual([
      'abortWork',
      'shutDownPersistence',
      'terminateEngine',
      'showErasedPage',
    ]);

    // When this tab is the one erasing, its listener hears the announcement too, and ignores it.
    listener.order.length = 0;
    const erasing = recordingSteps({
      announce: () => announcer.postMessage('erase'),
    });
    await eraseAllData({}, erasing.steps);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(listener.order).toEqual([]);
    announcer.close();
    stop();
  });
});
