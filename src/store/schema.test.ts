import { describe, expect, it } from 'vitest';
import { CHAT_STATE_VERSION, migrateChatState, migrations, restoreChatState } from './schema';
import { DEFAULT_SETTINGS } from './settings';

const message = (over: object = {}) => ({
  id: 'm1',
  role: 'assistant',
  content: 'Hi',
  createdAt: 1,
  status: 'done',
  ...over,
});

describe('restoreChatState', () => {
  it('keeps valid conversations exactly', () => {
    const state = {
      conversations: {
        c1: {
          id: 'c1',
          title: 'T',
          createdAt: 1,
          updatedAt: 2,
          messages: [message()],
          settings: {
            systemPrompt: 'Be brief.',
            generation: { temperature: 0.2, topP: 0.9, maxTokens: 256, repetitionPenalty: 1.1 },
            thinking: false,
          },
        },
      },
      deletedConversations: { old: 5 },
      activeConversationId: 'c1',
      selectedModelId: 'M',
    };
    expect(restoreChatState(state)).toEqual(state);
  });

  it('marks a reply that was still streaming as interrupted', () => {
    const restored = restoreChatState({
      conversations: {
        c1: { id: 'c1', messages: [message({ status: 'streaming', content: 'Part' })] },
      },
    });
    expect(restored.conversations.c1?.messages[0]).toMatchObject({
      status: 'interrupted',
      content: 'Part',
    });
  });

  it('drops malformed entries and keeps the rest', () => {
    const restored = restoreChatState({
      conversations: {
        bad: 42,
        c1: { id: 'c1', messages: [message(), { id: 3 }, message({ id: 'm2', role: 'system' })] },
      },
      activeConversationId: 'missing',
    });
    expect(Object.keys(restored.conversations)).toEqual(['c1']);
    expect(restored.conversations.c1?.messages.map((m) => m.id)).toEqual(['m1']);
    expect(restored.activeConversationId).toBeNull();
    expect(restoreChatState('garbage').conversations).toEqual({});
  });
});

describe('images on messages', () => {
  const ref = { id: 'a'.repeat(64), type: 'image/jpeg', width: 640, height: 480, bytes: 1000 };
  const restoredImages = (images: unknown, role = 'user') =>
    restoreChatState({
      conversations: { c1: { id: 'c1', messages: [message({ role, images })] } },
    }).conversations.c1?.messages[0]?.images;

  it('keeps valid image references on user messages', () => {
    expect(restoredImages([ref])).toEqual([ref]);
  });

  it('drops references it cannot trust, and keeps the message', () => {
    expect(
      restoredImages([
        { ...ref, id: 'not-a-hash' },
        { ...ref, type: 'image/svg+xml' },
        { ...ref, width: -1 },
        'data:image/png;base64,AAAA',
      ]),
    ).toBeUndefined();
    expect(restoredImages([ref], 'assistant')).toBeUndefined();
  });
});

describe('migrateChatState', () => {
  it('leaves current-version data as it is', () => {
    const data = { conversations: {} };
    expect(migrateChatState(data, CHAT_STATE_VERSION)).toEqual(data);
  });

  it('step 1 → 2 gives every chat default settings', () => {
    const v1 = {
      conversations: { c1: { id: 'c1', title: 'T', messages: [] } },
      selectedModelId: 'M',
    };
    expect(migrations[1]!(v1)).toEqual({
      conversations: { c1: { id: 'c1', title: 'T', messages: [], settings: DEFAULT_SETTINGS } },
      selectedModelId: 'M',
    });
  });

  it('step 2 → 3 keeps v2 chats as they are (v3 only adds images to user messages)', () => {
    const v2 = {
      conversations: { c1: { id: 'c1', messages: [message()], settings: DEFAULT_SETTINGS } },
    };
    expect(migrations[2]!(v2)).toEqual(v2);
  });

  it('step 3 → 4 keeps v3 chats as they are (v4 only adds tables to replies)', () => {
    const v3 = {
      conversations: { c1: { id: 'c1', messages: [message()], settings: DEFAULT_SETTINGS } },
    };
    expect(migrations[3]!(v3)).toEqual(v3);
  });

  it('reads a table kept before rows per item as a table per document, and keeps a table per item', () => {
    const rows = [
      { documentId: 'd1', documentName: 'a.pdf', status: 'done', cells: [null] },
      { documentId: 'd1', documentName: 'a.pdf', status: 'done', item: 2, cells: [null] },
    ];
    const fields = [{ name: 'Amount', type: 'money' }];
    const state = (table: object) => ({
      conversations: {
        c1: { id: 'c1', messages: [message({ table })], settings: DEFAULT_SETTINGS },
      },
    });
    const tableOf = (table: object) =>
      restoreChatState(state(table)).conversations.c1?.messages[0]?.table;
    expect(tableOf({ fields, rows: rows.slice(0, 1) })?.rowsPer).toBe('document');
    const perItem = tableOf({ fields, rowsPer: 'item', rows });
    expect(perItem?.rowsPer).toBe('item');
    expect(perItem?.rows.map((r) => r.item)).toEqual([undefined, 2]);
  });

  it('runs every step from an old version and the result restores cleanly', () => {
    const v1 = { conversations: { c1: { id: 'c1', title: 'T', messages: [message()] } } };
    const restored = restoreChatState(migrateChatState(v1, 1));
    expect(restored.conversations.c1?.settings).toEqual(DEFAULT_SETTINGS);
    expect(restored.conversations.c1?.messages).toHaveLength(1);
  });
});

describe('restoring message versions and settings', () => {
  it('keeps earlier versions of a regenerated reply and clamps the shown index', () => {
    const restored = restoreChatState({
      conversations: {
        c1: {
          id: 'c1',
          messages: [
            message({ otherVersions: [{ content: 'old', status: 'done' }], versionIndex: 9 }),
          ],
        },
      },
    });
    const m = restored.conversations.c1?.messages[0];
    expect(m?.otherVersions?.map((v) => v.content)).toEqual(['old']);
    expect(m?.versionIndex).toBe(1);
  });

  it('clamps generation settings into their bounds', () => {
    const restored = restoreChatState({
      conversations: {
        c1: {
          id: 'c1',
          messages: [],
          settings: { generation: { temperature: 99, maxTokens: -5 } },
        },
      },
    });
    expect(restored.conversations.c1?.settings.generation).toMatchObject({
      temperature: 2,
      maxTokens: 16,
    });
  });
});
