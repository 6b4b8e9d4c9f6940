// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { EngineErrorCode } from '../../engine/errors';
import type { StoredMessage } from '../../store/schema';
import { MessageItem } from './MessageItem';

const reply = (over: Partial<StoredMessage>): StoredMessage => ({
  id: 'r1',
  role: 'assistant',
  content: 'Partial answer',
  createdAt: 0,
  status: 'done',
  ...over,
});

afterEach(cleanup);

describe('MessageItem', () => {
  it('shows a stored error whose code this version does not know, without failing', () => {
    const error = { code: 'gpu-on-fire' as EngineErrorCode, detail: 'from a newer Nook' };
    render(
      <MessageItem
        conversationId="c"
        message={reply({ status: 'error', error })}
        isLast
        busy={false}
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Something went wrong. Try again.');
    expect(screen.getByText('Partial answer')).toBeDefined();
  });

  it('says what the reply cost: tokens read and written, first token and speed', () => {
    const stats = {
      promptTokens: 1234,
      completionTokens: 56,
      timeToFirstTokenS: 0.4,
      prefillTokensPerS: 3000,
      decodeTokensPerS: 0.049,
      receivedTokensPerS: null,
    };
    render(<MessageItem conversationId="c" message={reply({ stats })} isLast busy={false} />);
    expect(screen.getByLabelText('Reply statistics').textContent).toBe(
      'read 1,234 tokens · wrote 56 · first token in 400 ms · 0.049 tokens/s',
    );
  });

  it('says under a reply when a document it was given tries to instruct the model, and only then', () => {
    const sources = [
      { documentName: 'memo.md', pages: null },
      { documentName: 'plan.pdf', pages: [3, 4] as [number, number] },
    ];
    const { rerender } = render(
      <MessageItem conversationId="c" message={reply({ sources })} isLast busy={false} />,
    );
    expect(screen.getByLabelText('Sources').textContent).toBe('From memo.md; plan.pdf pp. 3–4');

    rerender(
      <MessageItem
        conversationId="c"
        message={reply({ sources, instructionsIn: ['memo.md'] })}
        isLast
        busy={false}
      />,
    );
    expect(screen.getByLabelText('Sources').textContent).toBe(
      'From memo.md; plan.pdf pp. 3–4 “memo.md” contains text that tries to instruct the model. Nook told the model not to follow it; read this answer, and any link in it, with care.',
    );
  });

  it('says it under a summary too, which has no passages to list', () => {
    render(
      <MessageItem
        conversationId="c"
        message={reply({ instructionsIn: ['a.pdf', 'b.md', 'c.txt'] })}
        isLast
        busy={false}
      />,
    );
    expect(screen.getByLabelText('Sources').textContent).toMatch(
      /^“a\.pdf”, “b\.md” and “c\.txt” contain text that tries to instruct the model\./,
    );
  });
});
