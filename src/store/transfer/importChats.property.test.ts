/**
 * Feeds parseChatImport hundreds of random and damaged files. Whatever comes in, it must answer
 * (never throw), and whatever it accepts must be something the store keeps as is on reload.
 */
import { describe, expect, it } from 'vitest';
import { CHAT_STATE_VERSION, restoreChatState } from '../schema';
import { exportAllChats } from './exportChats';
import { mergeImported, parseChatImport, type ImportResult } from './importChats';
import { richChat, testChat, testMessage } from './testChats';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** mulberry32: small, seeded, and good enough to pick test cases. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// Real field names and values, so random data often gets past the first checks and reaches the deep ones.
const KEYS = [
  ...['format', 'version', 'conversations', 'id', 'title', 'titleEdited', 'createdAt'],
  ...['updatedAt', 'messages', 'settings', 'role', 'content', 'status', 'modelId', 'stats'],
  ...['error', 'code', 'detail', 'otherVersions', 'versionIndex', 'droppedMessages'],
  ...['__proto__', 'constructor', 'prototype', 'toString', '', 'x'],
];
const STRINGS = [
  ...['', 'nook-chats', 'user', 'assistant', 'system', 'done', 'streaming', 'error', 'stopped'],
  ...['__proto__', 'constructor', 'hasOwnProperty', 'm1', 'c1', 'rich', '\u0000', '😀', 'ä'],
  'x'.repeat(600),
];
const NUMBERS = [0, -0, 1, -1, 1.5, 2, 1e308, -1e308, 2 ** 53, CHAT_STATE_VERSION + 1, 10_001];

function generator(seed: number) {
  const random = seededRandom(seed);
  const int = (n: number) => Math.floor(random() * n);
  const chance = (p: number) => random() < p;
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;

  function value(depth: number): Json {
    const kind = int(depth > 0 ? 7 : 4);
    if (kind === 0) return null;
    if (kind === 1) return chance(0.5);
    if (kind === 2) return pick(NUMBERS);
    if (kind === 3) return pick(STRINGS);
    if (kind === 4) return Array.from({ length: int(4) }, () => value(depth - 1));
    // fromEntries makes "__proto__" an own key, as JSON.parse does.
    return Object.fromEntries(Array.from({ length: int(5) }, () => [pick(KEYS), value(depth - 1)]));
  }

  /** Changes one spot deep inside: replaces, deletes or adds a value. */
  function mutate(node: Json): Json {
    if (Array.isArray(node) && node.length > 0 && chance(0.8)) {
      const at = int(node.length);
      const copy = [...node];
      if (chance(0.1)) copy.splice(at, 1);
      else copy[at] = mutate(copy[at]!);
      return copy;
    }
    if (node !== null && typeof node === 'object' && !Array.isArray(node) && chance(0.8)) {
      const entries = Object.entries(node);
      if (entries.length === 0 || chance(0.1)) return { ...node, [pick(KEYS)]: value(2) };
      const key = pick(entries)[0];
      if (chance(0.1)) return Object.fromEntries(entries.filter(([k]) => k !== key));
      return Object.fromEntries(entries.map(([k, v]) => [k, k === key ? mutate(v) : v]));
    }
    return value(2);
  }

  /** Damages the text itself: cuts it off, or changes, drops or repeats a piece of it. */
  function damage(text: string): string {
    const at = int(text.length);
    const kind = int(4);
    if (kind === 0) return text.slice(0, at);
    if (kind === 1)
      return text.slice(0, at) + pick(['"', '{', ']', ',', ':', '\\', 'é']) + text.slice(at + 1);
    if (kind === 2) return text.slice(0, at) + text.slice(at + 1 + int(20));
    return text.slice(0, at) + text.slice(at, at + int(200)) + text.slice(at);
  }

  return { int, value, mutate, damage };
}

const validExport = exportAllChats({
  rich: richChat,
  plain: testChat({
    id: 'plain',
    messages: [
      testMessage(),
      testMessage({ id: 'm2', role: 'assistant', content: 'Part', status: 'streaming' }),
    ],
  }),
});

function randomFile(seed: number): string {
  const gen = generator(seed);
  const base = JSON.parse(validExport) as Json;
  switch (seed % 4) {
    case 0:
      return JSON.stringify(gen.value(4));
    case 1:
      return JSON.stringify({
        format: 'nook-chats',
        version: 1 + gen.int(CHAT_STATE_VERSION),
        conversations: Array.from({ length: gen.int(3) }, () => gen.value(4)),
      });
    case 2:
      return JSON.stringify(
        Array.from({ length: 1 + gen.int(3) }).reduce<Json>((file) => gen.mutate(file), base),
      );
    default:
      return gen.damage(validExport);
  }
}

/** What is accepted survives the store's own restore untouched: no chat or message dropped. */
function expectStorable(result: Extract<ImportResult, { ok: true }>): void {
  let n = 0;
  const merged = mergeImported({}, result.conversations, () => `fresh-${++n}`);
  const restored = restoreChatState({ conversations: merged });
  expect(Object.keys(restored.conversations)).toEqual(Object.keys(merged));
  for (const [id, conversation] of Object.entries(merged)) {
    const ids = (c: typeof conversation | undefined) => c?.messages.map((m) => m.id);
    expect(ids(restored.conversations[id])).toEqual(ids(conversation));
  }
}

describe('parseChatImport on random and damaged files', () => {
  it('always answers, with chats or with words for the user, and never throws', () => {
    const outcomes = { accepted: 0, rejected: 0 };
    for (let seed = 1; seed <= 500; seed++) {
      const text = randomFile(seed);
      const attempt = () => parseChatImport(text, text.length);
      expect(attempt, `seed ${seed}`).not.toThrow();
      const result = attempt();
      if (result.ok) {
        outcomes.accepted++;
        expect(Array.isArray(result.conversations), `seed ${seed}`).toBe(true);
        expectStorable(result);
      } else {
        outcomes.rejected++;
        expect(result.error, `seed ${seed}`).toMatch(/\S/);
      }
    }
    // Both paths must really be exercised, or the test proves little.
    expect(outcomes.accepted).toBeGreaterThan(20);
    expect(outcomes.rejected).toBeGreaterThan(200);
  });
});
