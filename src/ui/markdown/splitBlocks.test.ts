import { describe, expect, it } from 'vitest';
import { splitBlocks } from './splitBlocks';

describe('splitBlocks', () => {
  it('splits at blank lines, however many', () => {
    expect(splitBlocks('# Title\n\nfirst\nstill first\n\n\n\nsecond')).toEqual([
      '# Title',
      'first\nstill first',
      'second',
    ]);
  });

  it('treats whitespace-only lines as blank', () => {
    expect(splitBlocks('a\n  \t\nb')).toEqual(['a', 'b']);
  });

  it('drops leading and trailing blank lines', () => {
    expect(splitBlocks('\n\n  \na\n\nb\n\n\n')).toEqual(['a', 'b']);
    expect(splitBlocks('')).toEqual([]);
    expect(splitBlocks('\n\n')).toEqual([]);
  });

  it('keeps a fenced block with blank lines in one block', () => {
    const fence = '```ts\nconst a = 1;\n\n\nconst b = 2;\n```';
    expect(splitBlocks(`intro\n\n${fence}\n\nafter`)).toEqual(['intro', fence, 'after']);
  });

  it('keeps an unclosed fence at the end (a streaming reply) in one block', () => {
    const open = '```python\ndef f():\n\n    return 1\n\n';
    expect(splitBlocks(`intro\n\n${open}`)).toEqual(['intro', open]);
  });

  it('handles ~~~ fences, and does not close them with ```', () => {
    const fence = '~~~\na\n```\n\nb\n~~~';
    expect(splitBlocks(`${fence}\n\nc`)).toEqual([fence, 'c']);
  });

  it('only closes a fence with at least as many markers', () => {
    const fence = '````md\n```js\n\nx\n```\n\n````';
    expect(splitBlocks(`${fence}\n\nafter`)).toEqual([fence, 'after']);
  });

  it('does not take inline ```code``` for a fence', () => {
    expect(splitBlocks('```a``` b\n\nc')).toEqual(['```a``` b', 'c']);
  });

  it('keeps indented continuations (list paragraphs, nested fences) with their block', () => {
    const list = '1. step\n\n   more about the step\n\n   ```sh\n   npm test\n\n   ```';
    expect(splitBlocks(`${list}\n\n2. next`)).toEqual([list, '2. next']);
  });

  it('gives back equivalent markdown when joined', () => {
    const text = 'a\n\n\n```\nx\n\ny\n```\n\n\nb';
    expect(splitBlocks(text).join('\n\n')).toBe('a\n\n```\nx\n\ny\n```\n\nb');
  });
});
