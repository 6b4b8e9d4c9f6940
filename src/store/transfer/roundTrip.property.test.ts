/**
 * Export then import gives back every chat as it was, for chats generated from the same
 * declaration the store and the importer read (store/schema.ts): every field, every status,
 * regenerated replies with their versions, images, sources, errors, stats and settings.
 */
import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryOf } from '../../test/arbitraryOf';
import { bytesToBase64 } from '../../lib/base64';
import {
  ConversationSchema,
  ImageRefSchema,
  restoreChatState,
  type Conversation,
  type ImageRef,
} from '../schema';
import { CellValueSchema } from '../extractionSchema';
import { knownFields, readStrict } from '../schemaReader';
import type * as v from 'valibot';
import { exportAllChats, imageIdsOf } from './exportChats';
import type { ExportedImage } from './exportFile';
import { parseChatImport } from './importChats';

/** Two real image headers (the importer checks the bytes are the type they claim). */
const IMAGES = [
  { type: 'image/png' as const, bytes: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2] },
  { type: 'image/jpeg' as const, bytes: [0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 3, 4] },
].map(({ type, bytes }, i) => {
  const data = new Uint8Array(bytes);
  const id = createHash('sha256').update(data).digest('hex');
  const ref: ImageRef = { id, type, width: 10 + i, height: 20 + i, bytes: data.length };
  const file: ExportedImage = {
    type,
    width: ref.width,
    height: ref.height,
    data: bytesToBase64(data),
  };
  return { ref, file, bytes: data };
});

const overrides = new Map<v.GenericSchema, fc.Arbitrary<unknown>>([
  [ImageRefSchema, fc.constantFrom(...IMAGES.map((image) => image.ref))],
  [
    CellValueSchema,
    fc.oneof(
      fc.constant(null),
      fc.string(),
      fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (n === 0 ? 0 : n)),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 3 }),
    ),
  ],
]);

/** Chats as Nook holds them: generated from the declaration, in the form reading gives. */
const chatArbitrary = arbitraryOf(ConversationSchema, overrides)
  .map((raw) => knownFields(ConversationSchema, raw as Conversation))
  .filter((chat) => new Set(chat.messages.map((m) => m.id)).size === chat.messages.length);

const chatsArbitrary = fc.uniqueArray(chatArbitrary, { selector: (c) => c.id, maxLength: 3 });

const byId = (chats: readonly Conversation[]) => Object.fromEntries(chats.map((c) => [c.id, c]));
/** Compared as lists: an id such as "__proto__" is a key test matchers do not see. */
const sorted = (chats: readonly Conversation[]) =>
  [...chats].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));

function exported(chats: Conversation[]): string {
  const used = imageIdsOf(chats);
  const images = Object.fromEntries(
    IMAGES.filter((image) => used.has(image.ref.id)).map((image) => [image.ref.id, image.file]),
  );
  return exportAllChats(byId(chats), new Date(0), images);
}

describe('a chat export', () => {
  it('imports back exactly the chats it was written from', () => {
    fc.assert(
      fc.property(chatsArbitrary, (chats) => {
        const file = exported(chats);
        const result = parseChatImport(file, file.length);
        if (!result.ok) throw new Error(result.error);
        expect(sorted(result.conversations)).toStrictEqual(sorted(chats));
        for (const id of imageIdsOf(chats)) {
          const image = IMAGES.find((candidate) => candidate.ref.id === id)!;
          expect(new Uint8Array(result.images[id]!.bytes)).toEqual(image.bytes);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('holds chats the store keeps as they are, and that read strictly as themselves', () => {
    fc.assert(
      fc.property(chatsArbitrary, (chats) => {
        const kept = Object.values(restoreChatState({ conversations: byId(chats) }).conversations);
        // The store keys chats by id, so it refuses one whose id would be a prototype key.
        expect(sorted(kept)).toEqual(sorted(chats.filter((c) => c.id !== '__proto__')));
        for (const chat of chats) {
          expect(readStrict(ConversationSchema, chat)).toStrictEqual({ ok: true, value: chat });
        }
      }),
      { numRuns: 100 },
    );
  });

  it('is generated with every field and every status', () => {
    const seen = { statuses: new Set<string>(), fields: new Set<string>() };
    fc.assert(
      fc.property(chatArbitrary, (chat) => {
        for (const key of Object.keys(chat)) seen.fields.add(`chat.${key}`);
        for (const m of chat.messages) {
          seen.statuses.add(m.status);
          for (const key of Object.keys(m)) seen.fields.add(`message.${key}`);
        }
      }),
      { numRuns: 300 },
    );
    expect([...seen.statuses].sort()).toEqual(
      ['done', 'error', 'interrupted', 'stopped', 'truncated'].sort(),
    );
    for (const field of ['sources', 'sentAs', 'images', 'otherVersions', 'journalId', 'stats']) {
      expect(seen.fields).toContain(`message.${field}`);
    }
    expect(seen.fields).toContain('chat.titleEdited');
  });
});
