import { describe, expect, it } from 'vitest';
import { CHAT_STATE_VERSION } from '../schema';
import { conversationToMarkdown, exportAllChats, exportFileName } from './exportChats';
import { EXPORT_FORMAT, type ChatExportFile } from './exportFile';
import { richChat, testChat, testMessage } from './testChats';

describe('exportAllChats', () => {
  it('writes every chat, newest first, with the format, version and time', () => {
    const older = testChat({ id: 'old', updatedAt: 10 });
    const newer = testChat({ id: 'new', updatedAt: 30 });
    const middle = testChat({ id: 'mid', updatedAt: 20 });
    const text = exportAllChats(
      { old: older, new: newer, mid: middle },
      new Date(Date.UTC(2025, 0, 2)),
    );
    const file = JSON.parse(text) as ChatExportFile;
    expect(file).toEqual({
      format: EXPORT_FORMAT,
      version: CHAT_STATE_VERSION,
      exportedAt: '2025-01-02T00:00:00.000Z',
      conversations: [newer, middle, older],
    });
  });

  it('is indented for people who open the file', () => {
    expect(exportAllChats({})).toContain('\n  "format": "nook-chats",\n');
  });
});

describe('conversationToMarkdown', () => {
  it('writes the title, the system prompt as a quote, each turn and how a reply ended', () => {
    const chat = testChat({
      title: 'Trip plan',
      settings: { ...testChat().settings, systemPrompt: 'Be brief.\n\nUse km.' },
      messages: [
        testMessage({ id: 'u1', content: 'Where to?' }),
        testMessage({ id: 'a1', role: 'assistant', content: 'Try **Lisbon**.', status: 'stopped' }),
        testMessage({ id: 'u2', content: 'Why?' }),
        testMessage({ id: 'a2', role: 'assistant', content: '', status: 'error' }),
        testMessage({ id: 'a3', role: 'assistant', content: 'Part', status: 'interrupted' }),
      ],
    });
    expect(conversationToMarkdown(chat)).toBe(
      [
        '# Trip plan',
        '> **System prompt:**\n>\n> Be brief.\n>\n> Use km.',
        '## You',
        'Where to?',
        '## Assistant',
        'Try **Lisbon**.',
        '_(stopped)_',
        '## You',
        'Why?',
        '## Assistant',
        '_(error)_',
        '## Assistant',
        'Part',
        '_(interrupted)_',
      ].join('\n\n') + '\n',
    );
  });

  it('writes a table a reply carries as a Markdown table, corrections marked', () => {
    const chat = testChat({
      messages: [
        testMessage({
          role: 'assistant',
          content: '**Table from 1 document**: Total',
          table: {
            fields: [{ name: 'Total', type: 'money' }],
            rowsPer: 'document',
            rows: [
              {
                documentId: 'd',
                documentName: 'a.pdf',
                status: 'done',
                cells: [{ value: '5 EUR', page: 2, correction: '6 EUR' }],
              },
            ],
          },
        }),
      ],
    });
    expect(conversationToMarkdown(chat)).toContain(
      '**Table from 1 document**: Total\n\n| Document | Total |\n| --- | --- |\n| a.pdf | 6 EUR (p. 2) (corrected) |',
    );
  });

  it('leaves out an empty system prompt and marks nothing on finished replies', () => {
    const markdown = conversationToMarkdown(
      testChat({ messages: [testMessage({ role: 'assistant', content: 'Done.' })] }),
    );
    expect(markdown).toBe('# Trip plan\n\n## Assistant\n\nDone.\n');
  });

  it('writes only the shown version of a regenerated reply', () => {
    const markdown = conversationToMarkdown(richChat);
    expect(markdown).toContain('## Essentials');
    expect(markdown).not.toContain('Boots.');
  });

  it('keeps a title with line breaks on the heading line', () => {
    expect(conversationToMarkdown(testChat({ title: 'Two\nlines ', messages: [] }))).toBe(
      '# Two lines\n',
    );
  });
});

describe('exportFileName', () => {
  const day = new Date(2025, 2, 7, 23, 30); // local time: the file carries the user's own date

  it.each([
    ['Trip plan', 'nook-trip-plan-2025-03-07.md'],
    ['  Café, crème & "brûlée"!  ', 'nook-cafe-creme-brulee-2025-03-07.md'],
    ['../../etc/passwd', 'nook-etc-passwd-2025-03-07.md'],
    ['日本語のチャット', 'nook-chat-2025-03-07.md'],
    ['', 'nook-chat-2025-03-07.md'],
    ['a'.repeat(39) + ' bcd', `nook-${'a'.repeat(39)}-2025-03-07.md`],
    ['x'.repeat(100), `nook-${'x'.repeat(40)}-2025-03-07.md`],
  ])('names a chat titled %j %s', (title, expected) => {
    expect(exportFileName(title, 'md', day)).toBe(expected);
  });

  it('uses the given extension', () => {
    expect(exportFileName('All chats', 'json', day)).toBe('nook-all-chats-2025-03-07.json');
  });
});
