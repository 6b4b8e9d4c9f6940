import { afterEach, describe, expect, it, vi } from 'vitest';

// A tab of this version meets data written by a newer one, in IndexedDB as the app keeps it.
const KEY = 'nook-chats';

function openNook(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open('nook');
    open.onupgradeneeded = () => open.result.createObjectStore('keyval');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function stored(): Promise<{ version: number; state: Record<string, unknown> }> {
  const db = await openNook();
  try {
    return await new Promise((resolve, reject) => {
      const get = db.transaction('keyval').objectStore('keyval').get(KEY);
      get.onsuccess = () => resolve(get.result);
      get.onerror = () => reject(get.error);
    });
  } finally {
    db.close();
  }
}

async function store(value: unknown): Promise<void> {
  const db = await openNook();
  await new Promise<void>((resolve, reject) => {
    const tx = db.transaction('keyval', 'readwrite');
    tx.objectStore('keyval').put(value, KEY);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  db.close();
}

/** This version's chat store, reading what is stored now. */
async function openApp() {
  vi.resetModules();
  const chats = await import('./chatStore');
  const { useRuntimeStore } = await import('./runtimeStore');
  const { shutDownPersistence } = await import('../persistence/idbStorage');
  await vi.waitFor(() => expect(chats.chatHydration.isDone()).toBe(true));
  return { ...chats, useRuntimeStore, close: shutDownPersistence };
}

const chat = (id: string, extra: Record<string, unknown> = {}) => ({
  id,
  title: `Chat ${id}`,
  createdAt: 1,
  updatedAt: 1,
  settings: { systemPrompt: '', generation: {}, thinking: true, voice: 'calm' },
  messages: [
    { id: `${id}-q`, role: 'user', content: 'Hi', createdAt: 1, status: 'done' },
    {
      id: `${id}-r`,
      role: 'assistant',
      content: 'Hello',
      createdAt: 2,
      status: 'queued-for-later',
      reactions: ['👍'],
    },
  ],
  ...extra,
});

let close: () => Promise<void> = async () => undefined;
afterEach(async () => {
  await close();
  await new Promise((resolve) => (indexedDB.deleteDatabase('nook').onsuccess = resolve));
});

describe('stored chats written by a newer version of Nook', () => {
  it('keep the fields and values this version does not know through a restore and a save', async () => {
    const { CHAT_STATE_VERSION } = await import('./schema');
    await store({
      version: CHAT_STATE_VERSION,
      state: {
        conversations: { a: chat('a', { pinned: true }), b: chat('b') },
        deletedConversations: {},
        activeConversationId: null,
        selectedModelId: null,
        folders: [{ id: 'f', name: 'Work' }],
      },
    });
    const app = await openApp();
    close = app.close;
    // What this version shows: the unknown status as a finished reply.
    expect(app.useChatStore.getState().conversations.a?.messages[1]?.status).toBe('done');
    // A change to one chat, then a save.
    app.updateConversation('b', (c) => ({ ...c, title: 'Renamed' }));
    await app.chatStorage.flush();

    const { state } = await stored();
    const conversations = state.conversations as Record<string, ReturnType<typeof chat>>;
    expect(state.folders).toEqual([{ id: 'f', name: 'Work' }]);
    // The untouched chat is stored as it was read, unknown values included…
    expect(conversations.a).toEqual(chat('a', { pinned: true }));
    // …and the renamed one keeps what it did not change.
    expect(conversations.b?.title).toBe('Renamed');
    expect(conversations.b?.messages[1]).toMatchObject({
      status: 'queued-for-later',
      reactions: ['👍'],
    });
    expect(conversations.b?.settings).toMatchObject({ voice: 'calm' });
  });

  it('of a newer schema version are never written over, and the tab says so', async () => {
    const { CHAT_STATE_VERSION } = await import('./schema');
    const newer = {
      version: CHAT_STATE_VERSION + 1,
      state: { conversations: { a: chat('a') }, library: { shelves: 3 } },
    };
    await store(newer);
    const app = await openApp();
    close = app.close;
    expect(app.useRuntimeStore.getState().newerData).toBe(true);
    app.updateConversation('a', (c) => ({ ...c, title: 'Changed in an old tab' }));
    await app.chatStorage.flush();
    expect(await stored()).toEqual(newer);
  });
});
