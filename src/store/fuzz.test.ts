/**
 * Property tests for everything that reads data from outside the running app: stored state (which
 * another version or a damaged disk may have written), chat import files, and settings. None may
 * throw, and what they accept must be well-formed.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { restoreDocumentState } from './documentStore';
import { mergeChatStates } from './mergeChats';
import { restoreModelState } from './modelStore';
import { migrateChatState, restoreChatState } from './schema';
import { readLenient } from './schemaReader';
import {
  clampGeneration,
  ConversationSettingsSchema,
  DEFAULT_SETTINGS,
  GENERATION_BOUNDS,
} from './settings';
import { exportAllChats } from './transfer/exportChats';
import { parseChatImport } from './transfer/importChats';

const RUNS = { numRuns: 300 };

/** Values shaped roughly like stored chats, with every field free to be wrong. */
const messageLike = fc.record(
  {
    id: fc.oneof(fc.string(), fc.integer()),
    role: fc.constantFrom('user', 'assistant', 'system', 42),
    content: fc.oneof(fc.string(), fc.constant(null)),
    createdAt: fc.oneof(fc.integer(), fc.double(), fc.string()),
    status: fc.constantFrom('done', 'streaming', 'stopped', 'bogus', undefined),
    otherVersions: fc.anything(),
    versionIndex: fc.anything(),
    sources: fc.anything(),
    stats: fc.anything(),
  },
  { requiredKeys: [] },
);
const chatLike = fc.record(
  {
    id: fc.oneof(fc.string(), fc.constant('__proto__'), fc.integer()),
    title: fc.anything(),
    createdAt: fc.anything(),
    updatedAt: fc.anything(),
    messages: fc.oneof(fc.array(messageLike, { maxLength: 6 }), fc.anything()),
    settings: fc.anything(),
  },
  { requiredKeys: [] },
);
const stateLike = fc.oneof(
  fc.anything(),
  fc.record(
    {
      conversations: fc.oneof(fc.dictionary(fc.string(), chatLike), fc.anything()),
      deletedConversations: fc.anything(),
      activeConversationId: fc.anything(),
      selectedModelId: fc.anything(),
    },
    { requiredKeys: [] },
  ),
);

describe('stored chats', () => {
  it('restore never throws and gives well-formed chats', () => {
    fc.assert(
      fc.property(stateLike, fc.integer({ min: 0, max: 3 }), (raw, version) => {
        const state = restoreChatState(migrateChatState(raw, version));
        for (const c of Object.values(state.conversations)) {
          expect(typeof c.id).toBe('string');
          expect(Array.isArray(c.messages)).toBe(true);
          for (const m of c.messages) {
            expect(['user', 'assistant']).toContain(m.role);
            expect(typeof m.content).toBe('string');
            expect(m.status).not.toBe('streaming');
          }
        }
        expect(Object.getPrototypeOf(state.conversations)).toBe(Object.prototype);
      }),
      RUNS,
    );
  });

  it('merging two restored states keeps every chat of either side that was not deleted', () => {
    fc.assert(
      fc.property(stateLike, stateLike, (a, b) => {
        const left = restoreChatState(a);
        const right = restoreChatState(b);
        const merged = mergeChatStates(left, right, 0);
        for (const id of [
          ...Object.keys(left.conversations),
          ...Object.keys(right.conversations),
        ]) {
          const deleted = merged.deletedConversations[id];
          if (deleted === undefined) expect(merged.conversations[id]).toBeDefined();
        }
      }),
      RUNS,
    );
  });

  it('other persisted stores restore anything without throwing', () => {
    fc.assert(
      fc.property(fc.anything(), (raw) => {
        expect(() => restoreModelState(raw)).not.toThrow();
        expect(() => restoreDocumentState(raw)).not.toThrow();
      }),
      RUNS,
    );
  });
});

describe('chat import files', () => {
  it('never throw, and whatever they accept exports and imports back the same', () => {
    const file = fc.oneof(
      fc.json(),
      fc
        .record({
          format: fc.constantFrom('nook-chats', 'other'),
          version: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.anything()),
          conversations: fc.oneof(fc.array(chatLike, { maxLength: 4 }), fc.anything()),
        })
        .map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(file, (text) => {
        const result = parseChatImport(text, text.length);
        if (!result.ok) {
          expect(result.error.length).toBeGreaterThan(0);
          return;
        }
        const again = exportAllChats(
          Object.fromEntries(result.conversations.map((c) => [c.id, c])),
        );
        const round = parseChatImport(again, again.length);
        expect(round.ok).toBe(true);
      }),
      RUNS,
    );
  });

  it('truncating a valid export anywhere is rejected, never half-accepted', () => {
    const valid = exportAllChats({
      c1: {
        id: 'c1',
        title: 'T',
        createdAt: 1,
        updatedAt: 2,
        messages: [{ id: 'm', role: 'user', content: 'hello', createdAt: 1, status: 'done' }],
        settings: DEFAULT_SETTINGS,
      },
    });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: valid.length - 2 }), (cut) => {
        const result = parseChatImport(valid.slice(0, cut), cut);
        expect(result.ok).toBe(false);
      }),
    );
  });
});

describe('settings', () => {
  const expectInBounds = (g: Record<string, number>) => {
    for (const [key, bound] of Object.entries(GENERATION_BOUNDS)) {
      expect(g[key]).toBeGreaterThanOrEqual(bound.min);
      expect(g[key]).toBeLessThanOrEqual(bound.max);
    }
  };

  it('any input is clamped into the bounds, from a form or from storage', () => {
    const generationLike = fc.oneof(
      fc.anything(),
      fc.record(
        Object.fromEntries(Object.keys(GENERATION_BOUNDS).map((key) => [key, fc.anything()])),
        { requiredKeys: [] },
      ),
    );
    fc.assert(
      fc.property(generationLike, fc.anything(), (generation, systemPrompt) => {
        expectInBounds({ ...clampGeneration(generation) });
        const stored = readLenient(ConversationSettingsSchema, { generation, systemPrompt });
        expectInBounds({ ...stored!.generation });
        expect(typeof stored!.systemPrompt).toBe('string');
      }),
      RUNS,
    );
  });
});
