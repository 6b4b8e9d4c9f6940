import { describe, expect, it } from 'vitest';
import { splitTokens, syntheticReply } from './replies';

describe('scripted replies', () => {
  it('builds a reply of exactly the asked number of tokens, in paragraphs', () => {
    const reply = syntheticReply(120);
    expect(splitTokens(reply)).toHaveLength(120);
    expect(reply).toContain('\n\n');
    expect(syntheticReply(120)).toBe(reply);
  });

  it('keeps whitespace with the token that follows it', () => {
    expect(splitTokens('Hello  big\nworld')).toEqual(['Hello', '  big', '\nworld']);
  });
});
