import { describe, expect, it } from 'vitest';
import { splitThinking } from './thinking';

describe('splitThinking', () => {
  it('leaves replies without thinking alone', () => {
    expect(splitThinking('Hello')).toEqual({ thinking: null, answer: 'Hello', thinkingDone: true });
  });

  it('splits a finished thought from the answer', () => {
    expect(splitThinking('<think>\nLet me see.\n</think>\n\nYes.')).toEqual({
      thinking: 'Let me see.',
      answer: 'Yes.',
      thinkingDone: true,
    });
  });

  it('reports a thought still streaming', () => {
    expect(splitThinking('<think>Let me')).toEqual({
      thinking: 'Let me',
      answer: '',
      thinkingDone: false,
    });
  });

  it('handles a missing opening tag and an empty thought', () => {
    expect(splitThinking('Hmm.</think>Yes.')).toMatchObject({ thinking: 'Hmm.', answer: 'Yes.' });
    expect(splitThinking('<think>\n\n</think>\n\nYes.')).toEqual({
      thinking: null,
      answer: 'Yes.',
      thinkingDone: true,
    });
  });
});
