import { describe, expect, it } from 'vitest';
import { scriptedDecode, scriptedEncode } from './tokenizer';

describe('the scripted tokenizer', () => {
  it('counts words, punctuation and each CJK character, and decodes back to the text', () => {
    expect(scriptedEncode('Hello, world!')).toHaveLength(4);
    expect(scriptedEncode('文档摘要')).toHaveLength(4);
    expect(scriptedEncode('abc中文 x')).toHaveLength(4);
    for (const text of ['  Hello, world!  ', '文档 摘要。\n\nNext', 'a\tb', '']) {
      expect(scriptedDecode(scriptedEncode(text))).toBe(text);
    }
  });
});
