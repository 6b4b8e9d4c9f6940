import { describe, expect, it } from 'vitest';
import type { StoredMessage } from '../store/schema';
import { buildChatMessages, titleFromMessage } from './chat';

const msg = (
  role: StoredMessage['role'],
  content: string,
  status: StoredMessage['status'] = 'done',
) => ({ id: content, role, content, createdAt: 0, status }) satisfies StoredMessage;

describe('buildChatMessages', () => {
  it('sends finished and stopped turns, not failed or empty ones', () => {
    expect(
      buildChatMessages([
        msg('user', 'a'),
        msg('assistant', 'partial', 'stopped'),
        msg('user', 'b'),
        msg('assistant', 'x', 'error'),
        msg('assistant', ' ', 'done'),
      ]),
    ).toEqual([
      { role: 'user', content: 'a' },
      { role: 'assistant', content: 'partial' },
      { role: 'user', content: 'b' },
    ]);
  });
});

describe('titleFromMessage', () => {
  it('uses the first words, cut at a word boundary', () => {
    expect(titleFromMessage('  Hello\nthere ')).toBe('Hello there');
    const title = titleFromMessage('word '.repeat(30));
    expect(title.length).toBeLessThanOrEqual(61);
    expect(title.endsWith('word…')).toBe(true);
  });
});
