/**
 * A reply's `instructionsIn` (the documents that try to instruct the model, which its source line
 * names) is kept as the rest of the reply is: through a reload, an export and an import, and with
 * the version it belongs to when the reply is regenerated.
 */
import { describe, expect, it } from 'vitest';
import { addVersion, showVersion, versionsOf } from './messageVersions';
import { CHAT_STATE_VERSION, restoreChatState, type StoredMessage } from './schema';
import { exportAllChats } from './transfer/exportChats';
import { parseChatImport } from './transfer/importChats';
import { testChat, testMessage } from './transfer/testChats';

const flagged: StoredMessage = testMessage({
  id: 'a1',
  role: 'assistant',
  content: 'The budget is 240 euros.',
  sources: [{ documentName: 'memo.md', pages: null }],
  instructionsIn: ['memo.md'],
});

function importText(text: string) {
  return parseChatImport(text, new TextEncoder().encode(text).length);
}

describe('instructionsIn', () => {
  it('survives a reload, and damaged values are dropped with nothing else lost', () => {
    const reloaded = (message: object) =>
      restoreChatState({ conversations: { c1: { ...testChat(), messages: [message] } } })
        .conversations.c1?.messages[0];
    expect(reloaded(flagged)).toEqual(flagged);
    expect(reloaded({ ...flagged, instructionsIn: [42, 'memo.md', null] })?.instructionsIn).toEqual(
      ['memo.md'],
    );
    const damaged = reloaded({ ...flagged, instructionsIn: 'memo.md' });
    expect(damaged?.instructionsIn).toBeUndefined();
    expect(damaged?.content).toBe(flagged.content);
  });

  it('survives an export and an import', () => {
    const result = importText(exportAllChats({ c1: testChat({ messages: [flagged] }) }));
    if (!result.ok) throw new Error(result.error);
    expect(result.conversations[0]?.messages[0]?.instructionsIn).toEqual(['memo.md']);
  });

  it('is checked on import: a list of names, or the file is refused with a reason', () => {
    // Written by hand: an export writes only values Nook can read back.
    const withValue = (instructionsIn: unknown) =>
      JSON.stringify({
        format: 'nook-chats',
        version: CHAT_STATE_VERSION,
        conversations: [testChat({ messages: [{ ...flagged, instructionsIn } as never] })],
      });
    expect(importText(withValue('memo.md'))).toEqual({
      ok: false,
      error: 'Chat 1 ("Trip plan"), message 1: "instructionsIn" must be a list.',
    });
    expect(importText(withValue([7]))).toEqual({
      ok: false,
      error: 'Chat 1 ("Trip plan"), message 1: "instructionsIn" must be text.',
    });
  });

  it('belongs to its version: a regenerated reply starts without it, and gets it back when shown', () => {
    const regenerated = addVersion(flagged, { content: 'Again.', createdAt: 2, status: 'done' });
    expect(regenerated.instructionsIn).toBeUndefined();
    expect(versionsOf(regenerated)[0]?.instructionsIn).toEqual(['memo.md']);
    expect(showVersion(regenerated, 0).instructionsIn).toEqual(['memo.md']);
  });
});
