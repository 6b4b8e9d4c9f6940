import { render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
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
});
