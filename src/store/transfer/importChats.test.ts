import { describe, expect, it } from 'vitest';
import { CHAT_STATE_VERSION, type Conversation } from '../schema';
import { DEFAULT_SETTINGS } from '../settings';
import { exportAllChats } from './exportChats';
import { MAX_IMPORT_BYTES, mergeImported, parseChatImport } from './importChats';
import { richChat, testChat, testMessage } from './testChats';

function exportFile(conversations: unknown[], over: object = {}): string {
  return JSON.stringify({
    format: 'nook-chats',
    version: CHAT_STATE_VERSION,
    exportedAt: '2025-01-01T00:00:00.000Z',
    conversations,
    ...over,
  });
}

function parse(text: string) {
  return parseChatImport(text, new TextEncoder().encode(text).length);
}

function errorOf(text: string): string {
  const result = parse(text);
  if (result.ok) throw new Error('expected the file to be rejected');
  return result.error;
}

function imported(text: string): Conversation[] {
  const result = parse(text);
  if (!result.ok) throw new Error(`expected the file to be accepted: ${result.error}`);
  return result.conversations;
}

describe('parseChatImport with images', () => {
  // The smallest PNG header: enough for the type check, which is all the pure reader does.
  const png = 'iVBORw0KGgoAAAANSUhEUg==';
  const id = 'c'.repeat(64);
  const ref = { id, type: 'image/png', width: 2, height: 2, bytes: 16 };
  const chatWithImage = testChat({
    id: 'pic',
    messages: [{ ...testMessage({ id: 'u1', role: 'user' }), images: [ref] }] as never,
  });
  const images = { [id]: { type: 'image/png', width: 2, height: 2, data: png } };

  it('reads the images back with the chats that show them', () => {
    const result = parse(exportAllChats({ pic: chatWithImage }, new Date(0), images as never));
    if (!result.ok) throw new Error(result.error);
    expect(result.conversations[0]?.messages[0]?.images).toEqual([ref]);
    expect(new Uint8Array(result.images[id]!.bytes).slice(1, 4)).toEqual(
      new Uint8Array([0x50, 0x4e, 0x47]),
    );
  });

  it('refuses a file whose message shows an image the file lacks, or whose image is not one', () => {
    expect(errorOf(exportFile([chatWithImage]))).toMatch(
      /message 1: its image cccccccccccc… is not in the file/,
    );
    const fake = { [id]: { ...images[id], data: btoa('<svg onload=alert(1)>') } };
    expect(errorOf(exportFile([chatWithImage], { images: fake }))).toMatch(
      /its data is not the image\/png image its type says/,
    );
    expect(errorOf(exportFile([], { images: { 'not-a-hash': images[id] } }))).toMatch(/SHA-256/);
  });
});

describe('parseChatImport', () => {
  it('gives back exactly the chats that were exported', () => {
    const plain = testChat({ id: 'plain', updatedAt: 5 });
    const text = exportAllChats({ plain, rich: richChat });
    expect(imported(text)).toEqual([richChat, plain]);
  });

  it('accepts a file of exactly 50 MB', () => {
    const text = exportFile([testChat()]);
    expect(parseChatImport(text, MAX_IMPORT_BYTES).ok).toBe(true);
  });

  it('rejects a file over 50 MB without reading it', () => {
    const error = parseChatImport('not even looked at', Math.round(61.2 * 1024 * 1024));
    expect(error).toEqual({
      ok: false,
      error: 'This file is 61.2 MB; Nook imports files up to 50 MB.',
    });
    expect(parseChatImport('', MAX_IMPORT_BYTES + 1)).toEqual({
      ok: false,
      error: 'This file is 50.1 MB; Nook imports files up to 50 MB.',
    });
  });

  it.each(['', 'hello', '{"format": "nook-chats",}', '\u0000'])(
    'rejects %j as not JSON',
    (text) => {
      expect(errorOf(text)).toBe('This file is not valid JSON (it may be cut off or damaged).');
    },
  );

  it('rejects an export cut off halfway', () => {
    const text = exportAllChats({ rich: richChat });
    expect(errorOf(text.slice(0, text.length / 2))).toBe(
      'This file is not valid JSON (it may be cut off or damaged).',
    );
  });

  it.each([
    'null',
    '42',
    '"nook-chats"',
    '[]',
    '{}',
    '{"format": "other-app", "version": 2, "conversations": []}',
    '[{"format": "nook-chats"}]',
  ])('rejects %s as not a Nook export', (text) => {
    expect(errorOf(text)).toBe('This is not a Nook chat export.');
  });

  it('rejects a file from a newer Nook', () => {
    expect(errorOf(exportFile([], { version: CHAT_STATE_VERSION + 1 }))).toBe(
      'This file was exported by a newer version of Nook.',
    );
  });

  it.each([undefined, null, 0, -1, 1.5, '2', 'latest'])(
    'rejects the file version %j',
    (version) => {
      expect(errorOf(exportFile([], { version }))).toBe(
        'This Nook chat export has no valid version number, so it cannot be read.',
      );
    },
  );

  it.each([undefined, null, {}, 'chats'])('rejects %j as the list of chats', (conversations) => {
    expect(errorOf(exportFile([], { conversations }))).toBe(
      'This Nook chat export has no list of chats.',
    );
  });

  it('accepts an export without chats', () => {
    expect(imported(exportFile([]))).toEqual([]);
  });

  it('rejects more than 10,000 chats', () => {
    const chats = Array.from({ length: 10_001 }, (_, i) => testChat({ id: `c${i}` }));
    expect(errorOf(exportFile(chats))).toBe(
      'This file has 10,001 chats; Nook imports up to 10,000 at a time.',
    );
  });

  it('rejects more than 200,000 messages in all', () => {
    const messages = new Array<number>(100_000).fill(0);
    const chats = [1, 2, 3].map((n) => ({ ...testChat({ id: `c${n}` }), messages }));
    expect(errorOf(exportFile(chats))).toBe(
      'This file has 300,000 messages; Nook imports up to 200,000 at a time.',
    );
  });

  it('rejects the whole file for one bad message, naming the chat and the message', () => {
    const bad = testChat({
      id: 'c2',
      messages: [testMessage(), { ...testMessage({ id: 'm2' }), role: 'system' as 'user' }],
    });
    expect(errorOf(exportFile([testChat(), bad]))).toBe(
      'Chat 2 ("Trip plan"), message 2: "role" must be "user" or "assistant".',
    );
  });

  const chat = (over: object) => ({ ...testChat({ id: 'c2' }), ...over });
  const withMessage = (over: object) => chat({ messages: [{ ...testMessage(), ...over }] });
  const withOtherVersion = (over: object) =>
    withMessage({
      otherVersions: [{ content: 'A', createdAt: 1, status: 'done' }, over],
      versionIndex: 0,
    });
  it.each<[string, unknown, string]>([
    ['a chat that is not an object', ['chat'], 'Chat 2: expected a chat object.'],
    [
      'a chat without id',
      chat({ id: undefined }),
      'Chat 2 ("Trip plan"): "id" must be non-empty text of at most 200 characters.',
    ],
    [
      'an empty chat id',
      chat({ id: '' }),
      'Chat 2 ("Trip plan"): "id" must be non-empty text of at most 200 characters.',
    ],
    [
      'a long chat id',
      chat({ id: 'x'.repeat(201) }),
      'Chat 2 ("Trip plan"): "id" must be non-empty text of at most 200 characters.',
    ],
    ['a chat without title', chat({ title: undefined }), 'Chat 2: "title" must be text.'],
    [
      'a long title',
      chat({ title: 't'.repeat(501) }),
      `Chat 2 ("${'t'.repeat(39)}…"): "title" is longer than 500 characters.`,
    ],
    [
      'a text time',
      chat({ createdAt: '2025-01-01' }),
      'Chat 2 ("Trip plan"): "createdAt" must be a number.',
    ],
    [
      'a missing update time',
      chat({ updatedAt: undefined }),
      'Chat 2 ("Trip plan"): "updatedAt" must be a number.',
    ],
    [
      'messages that are not a list',
      chat({ messages: {} }),
      'Chat 2 ("Trip plan"): "messages" must be a list.',
    ],
    [
      'settings that are not an object',
      chat({ settings: 'fast' }),
      'Chat 2 ("Trip plan"): "settings" must be an object.',
    ],
    [
      'settings that are a list',
      chat({ settings: [] }),
      'Chat 2 ("Trip plan"): "settings" must be an object.',
    ],
    [
      'a titleEdited that is not a flag',
      chat({ titleEdited: 'yes' }),
      'Chat 2 ("Trip plan"): "titleEdited" must be true or false.',
    ],
    [
      'a message that is not an object',
      chat({ messages: [null] }),
      'Chat 2 ("Trip plan"), message 1: expected a message object.',
    ],
    [
      'a message id that is a number',
      withMessage({ id: 7 }),
      'Chat 2 ("Trip plan"), message 1: "id" must be non-empty text of at most 200 characters.',
    ],
    [
      'content that is not text',
      withMessage({ content: null }),
      'Chat 2 ("Trip plan"), message 1: "content" must be text.',
    ],
    [
      'content over a million characters',
      withMessage({ content: 'x'.repeat(1_000_001) }),
      'Chat 2 ("Trip plan"), message 1: "content" is longer than 1,000,000 characters.',
    ],
    [
      'a message time that is not finite',
      withMessage({ createdAt: null }),
      'Chat 2 ("Trip plan"), message 1: "createdAt" must be a number.',
    ],
    [
      'an unknown status',
      withMessage({ status: 'pending' }),
      'Chat 2 ("Trip plan"), message 1: "status" must be one of "done", "streaming", "stopped", "truncated", "interrupted", "error".',
    ],
    [
      'a model id that is not text',
      withMessage({ modelId: 3 }),
      'Chat 2 ("Trip plan"), message 1: "modelId" must be text.',
    ],
    [
      'stats that are not an object',
      withMessage({ stats: 12 }),
      'Chat 2 ("Trip plan"), message 1: "stats" must be an object.',
    ],
    [
      'a stat that is text',
      withMessage({ stats: { ...richChat.messages[1]!.stats, decodeTokensPerS: '40' } }),
      'Chat 2 ("Trip plan"), message 1: "stats.decodeTokensPerS" must be a number.',
    ],
    [
      'an error without detail',
      withMessage({ error: { code: 'unknown' } }),
      'Chat 2 ("Trip plan"), message 1: "error.detail" must be text.',
    ],
    [
      'an error that is text',
      withMessage({ error: 'boom' }),
      'Chat 2 ("Trip plan"), message 1: "error" must be an object.',
    ],
    [
      'a negative dropped count',
      withMessage({ droppedMessages: -1 }),
      'Chat 2 ("Trip plan"), message 1: "droppedMessages" must be a whole number of at least 0.',
    ],
    [
      'other versions that are not a list',
      withMessage({ otherVersions: 'A' }),
      'Chat 2 ("Trip plan"), message 1: "otherVersions" must be a list.',
    ],
    [
      'an other version that is not an object',
      withMessage({ otherVersions: [1], versionIndex: 0 }),
      'Chat 2 ("Trip plan"), message 1, other version 1: expected a version object.',
    ],
    [
      'a bad other version',
      withOtherVersion({ content: 'B', createdAt: 1, status: 'lost' }),
      'Chat 2 ("Trip plan"), message 1, other version 2: "status" must be one of "done", "streaming", "stopped", "truncated", "interrupted", "error".',
    ],
    [
      'a version index out of range',
      withMessage({ otherVersions: [testMessage()], versionIndex: 2 }),
      'Chat 2 ("Trip plan"), message 1: "versionIndex" must be a whole number from 0 to 1.',
    ],
    [
      'a missing version index',
      withMessage({ otherVersions: [testMessage(), testMessage()] }),
      'Chat 2 ("Trip plan"), message 1: "versionIndex" must be a whole number from 0 to 2.',
    ],
  ])('rejects %s', (_, secondChat, message) => {
    expect(errorOf(exportFile([testChat(), secondChat]))).toBe(message);
  });

  it('rejects two chats with the same id', () => {
    const chats = [
      testChat({ id: 'a' }),
      testChat({ id: 'b', title: 'Other' }),
      testChat({ id: 'a', title: 'Copy' }),
    ];
    expect(errorOf(exportFile(chats))).toBe('Chat 3 ("Copy"): its id "a" is also used by chat 1.');
  });

  it('rejects two messages with the same id in one chat, and allows them across chats', () => {
    const twice = testChat({
      id: 'c2',
      messages: [testMessage(), testMessage({ id: 'm2' }), testMessage()],
    });
    expect(errorOf(exportFile([testChat(), twice]))).toBe(
      'Chat 2 ("Trip plan"), message 3: its id "m1" is also used by message 1.',
    );
    expect(imported(exportFile([testChat({ id: 'a' }), testChat({ id: 'b' })]))).toHaveLength(2);
  });

  it('turns a reply that was still being written into an interrupted one', () => {
    const streaming = testChat({
      messages: [testMessage({ role: 'assistant', content: 'Hal', status: 'streaming' })],
    });
    expect(imported(exportFile([streaming]))[0]?.messages[0]).toMatchObject({
      content: 'Hal',
      status: 'interrupted',
    });
  });

  it('upgrades a version 1 file: its chats get the default settings', () => {
    const { settings: _, ...v1Chat } = testChat();
    expect(imported(exportFile([v1Chat], { version: 1 }))).toEqual([
      { ...v1Chat, settings: DEFAULT_SETTINGS },
    ]);
  });

  it('gives a chat without settings the defaults, and clamps settings out of bounds', () => {
    const { settings: _, ...bare } = testChat({ id: 'bare' });
    const wild = testChat({
      id: 'wild',
      settings: {
        systemPrompt: 'p'.repeat(9000),
        generation: { temperature: 99, topP: -1, maxTokens: 1e9, repetitionPenalty: 1.5 },
        thinking: false,
      },
    });
    const [first, second] = imported(exportFile([bare, wild]));
    expect(first?.settings).toEqual(DEFAULT_SETTINGS);
    expect(second?.settings).toEqual({
      systemPrompt: 'p'.repeat(8000),
      generation: { temperature: 2, topP: 0.05, maxTokens: 8192, repetitionPenalty: 1.5 },
      thinking: false,
    });
  });

  it('reads null optional fields as missing and keeps a stat-less reply when JSON nulled a rate', () => {
    const reply = {
      ...testMessage({ role: 'assistant' }),
      modelId: null,
      error: null,
      otherVersions: null,
      stats: { ...richChat.messages[1]!.stats, prefillTokensPerS: null },
    };
    expect(imported(exportFile([testChat({ messages: [reply as never] })]))[0]?.messages).toEqual([
      testMessage({ role: 'assistant' }),
    ]);
  });

  it('calls an error code this Nook does not know "unknown", keeping its detail', () => {
    const failed = testMessage({ role: 'assistant', status: 'error' });
    const file = exportFile([
      testChat({ messages: [{ ...failed, error: { code: 'gpu-on-fire', detail: 'x' } as never }] }),
    ]);
    expect(imported(file)[0]?.messages[0]?.error).toEqual({ code: 'unknown', detail: 'x' });
  });

  it('leaves out fields it does not know', () => {
    const file = exportFile([
      {
        ...testChat({ messages: [{ ...testMessage(), extra: { deep: [[[1]]] } } as never] }),
        pinned: true,
        color: 'red',
      },
    ]);
    const [conversation] = imported(file);
    expect(conversation).toEqual(testChat());
    expect(Object.keys(conversation!)).not.toContain('pinned');
    expect(Object.keys(conversation!.messages[0]!)).not.toContain('extra');
  });

  it('is not fooled by __proto__, constructor or prototype keys', () => {
    const message =
      '{"id":"m1","role":"user","content":"Hi","createdAt":1,"status":"done","__proto__":{"polluted":"message"},"constructor":{"prototype":{"polluted":"ctor"}}}';
    const settings =
      '{"__proto__":{"polluted":"settings"},"generation":{"__proto__":{"polluted":"gen"}}}';
    const stats =
      '{"promptTokens":1,"completionTokens":1,"timeToFirstTokenS":1,"prefillTokensPerS":1,"decodeTokensPerS":1,"__proto__":{"polluted":"stats"}}';
    const reply = `{"id":"m2","role":"assistant","content":"Yo","createdAt":2,"status":"done","stats":${stats},"otherVersions":[{"content":"A","createdAt":1,"status":"done","__proto__":{"polluted":"version"}}],"versionIndex":1}`;
    const chat = (id: string) =>
      `{"id":"${id}","title":"T","createdAt":1,"updatedAt":2,"messages":[${message},${reply}],"settings":${settings},"__proto__":{"polluted":"chat"},"prototype":{"polluted":"proto"}}`;
    const text = `{"__proto__":{"polluted":"file"},"format":"nook-chats","version":${CHAT_STATE_VERSION},"conversations":[${chat('__proto__')},${chat('constructor')}]}`;

    for (const version of [1, CHAT_STATE_VERSION]) {
      const conversations = imported(
        text.replace(`"version":${CHAT_STATE_VERSION}`, `"version":${version}`),
      );
      expect(conversations.map((c) => c.id)).toEqual(['__proto__', 'constructor']);
      for (const conversation of conversations) {
        const objects = [
          conversation,
          conversation.settings,
          conversation.settings.generation,
          ...conversation.messages,
          ...conversation.messages.flatMap((m) => [m.stats ?? {}, ...(m.otherVersions ?? [])]),
        ];
        for (const object of objects) {
          expect(Object.getPrototypeOf(object)).toBe(Object.prototype);
          expect(Object.hasOwn(object, '__proto__')).toBe(false);
          expect('polluted' in object).toBe(false);
        }
      }
    }
    expect('polluted' in {}).toBe(false);
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});

describe('mergeImported', () => {
  /** Fresh ids in a known order: fresh-1, fresh-2, … */
  const freshIds = () => {
    let n = 0;
    return () => `fresh-${++n}`;
  };

  it('adds imported chats and leaves the existing ones alone', () => {
    const mine = testChat({ id: 'mine' });
    const existing = { mine };
    const theirs = testChat({ id: 'theirs' });
    const merged = mergeImported(existing, [theirs], freshIds());
    expect(merged).toEqual({ mine, theirs });
    expect(merged.mine).toBe(mine);
    expect(existing).toEqual({ mine });
    expect(merged).not.toBe(existing);
  });

  it('gives an imported chat whose id is taken a fresh id instead of overwriting', () => {
    const mine = testChat({ id: 'c1', title: 'Mine' });
    const theirs = testChat({ id: 'c1', title: 'Theirs' });
    const merged = mergeImported(
      { c1: mine, 'fresh-1': testChat({ id: 'fresh-1' }) },
      [theirs],
      freshIds(),
    );
    expect(merged.c1).toBe(mine);
    expect(merged['fresh-2']).toEqual({ ...theirs, id: 'fresh-2' });
    expect(theirs.id).toBe('c1');
    expect(Object.keys(merged)).toHaveLength(3);
  });

  it('gives ids that name prototype members fresh ids, so a plain-object store stays sound', () => {
    const merged = mergeImported(
      {},
      [testChat({ id: '__proto__' }), testChat({ id: 'constructor' })],
      freshIds(),
    );
    expect(Object.keys(merged)).toEqual(['fresh-1', 'fresh-2']);
    expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
  });
});
