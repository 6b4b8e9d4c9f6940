import { describe, expect, it } from 'vitest';
import { estimateTokens } from '../lib/tokenEstimate';
import {
  buildPrompt,
  chatSystemPrompt,
  titleFromMessage,
  type HistoryMessage,
  type PromptInput,
} from './chat';
import { QUOTED_TEXT_RULE } from './documents';
import { quirksFor } from './modelQuirks';

let n = 0;
const msg = (
  role: HistoryMessage['role'],
  content: string,
  status: HistoryMessage['status'] = 'done',
): HistoryMessage & { id: string } => ({ id: String(n++), role, content, status });

const input = (over: Partial<PromptInput>): PromptInput => ({
  history: [],
  systemPrompt: '',
  quirks: quirksFor('Llama-3.2-1B-Instruct-q4f32_1-MLC'),
  contextWindow: 4096,
  replyTokens: 512,
  previouslyDropped: 0,
  tokens: { count: (text) => estimateTokens(text), perMessage: 4 },
  ...over,
});

describe('buildPrompt with images', () => {
  const ref = (id: string) => ({
    id,
    type: 'image/jpeg' as const,
    width: 64,
    height: 64,
    bytes: 9,
  });
  const blob = new Blob(['x'], { type: 'image/jpeg' });
  const asked = (text: string, ...ids: string[]) => ({
    ...msg('user', text),
    images: ids.map(ref),
  });

  it('sends a model that can see the images of each message, and one that cannot the text only', () => {
    const history = [asked('What is this?', 'a'), msg('assistant', 'A cat.'), asked('', 'b')];
    const images = new Map([
      ['a', blob],
      ['b', blob],
    ]);
    const seeing = buildPrompt(input({ history, images, contextWindow: 8192 }));
    expect(seeing.ok && seeing.messages.map((m) => m.images?.map((i) => i.id))).toEqual([
      ['a'],
      undefined,
      ['b'],
    ]);
    // Without the images, a message that was only an image has nothing left to send.
    const blind = buildPrompt(input({ history }));
    expect(blind.ok && blind.messages).toEqual([
      { role: 'user', content: 'What is this?' },
      { role: 'assistant', content: 'A cat.' },
    ]);
  });

  it('counts an image as the 2,509 tokens a square one takes, and leaves old ones out to fit', () => {
    const history = [asked('first', 'a'), msg('assistant', 'ok'), asked('second', 'b')];
    const images = new Map([
      ['a', blob],
      ['b', blob],
    ]);
    const result = buildPrompt(input({ history, images }));
    expect(result).toMatchObject({ ok: true, droppedMessages: 2 });
    const tooBig = buildPrompt(input({ history, images, contextWindow: 2048 }));
    expect(tooBig).toEqual({ ok: false, reason: 'message-too-long' });
  });
});

describe('buildPrompt', () => {
  it('sends finished and stopped turns as they were sent before, not failed or empty ones', () => {
    const result = buildPrompt(
      input({
        history: [
          msg('user', 'a'),
          msg('assistant', '<think>hmm</think>partial', 'stopped'),
          { ...msg('user', 'b'), sentAs: 'b, with the passages it was asked with' },
          msg('assistant', 'x', 'error'),
          msg('assistant', ' '),
        ],
        systemPrompt: 'Be brief.',
      }),
    );
    expect(result).toEqual({
      ok: true,
      droppedMessages: 0,
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'a' },
        // The reply as the model wrote it, thinking included, so WebLLM can reuse its KV cache.
        { role: 'assistant', content: '<think>hmm</think>partial' },
        { role: 'user', content: 'b, with the passages it was asked with' },
      ],
    });
  });

  it('folds the system prompt into the first user turn for models without a system role', () => {
    const result = buildPrompt(
      input({
        history: [msg('user', 'hi')],
        systemPrompt: 'Be brief.',
        quirks: quirksFor('gemma-2-2b-it-q4f32_1-MLC'),
      }),
    );
    expect(result.ok && result.messages).toEqual([{ role: 'user', content: 'Be brief.\n\nhi' }]);
  });

  it('drops the oldest turns in one large step, keeping the system prompt and the newest message', () => {
    const long = 'word '.repeat(600); // ~1000 estimated tokens each
    const history = [
      msg('user', long),
      msg('assistant', long),
      msg('user', long),
      msg('assistant', long),
      msg('user', 'newest'),
    ];
    const result = buildPrompt(input({ history, systemPrompt: 'Sys' }));
    if (!result.ok) throw new Error('expected a prompt');
    expect(result.droppedMessages).toBe(2);
    expect(result.messages[0]).toEqual({ role: 'system', content: 'Sys' });
    expect(result.messages.at(-1)).toEqual({ role: 'user', content: 'newest' });
    const total = result.messages.reduce((s, m) => s + estimateTokens(m.content) + 4, 0);
    expect(total).toBeLessThanOrEqual(4096 - 512);
  });

  it('counts with the tokenizer it is given, and the template’s tokens per message', () => {
    const history = [msg('user', 'a'), msg('assistant', 'b'), msg('user', 'c')];
    const fits = (perMessage: number) =>
      buildPrompt(
        input({
          history,
          contextWindow: 40,
          replyTokens: 10,
          tokens: { count: () => 9, perMessage },
        }),
      );
    // 3 × (9 + 1) = 30 fits the 30 tokens left after the reply's share…
    expect(fits(1)).toMatchObject({ ok: true, droppedMessages: 0 });
    // …3 × (9 + 2) = 33 does not: the oldest turns go.
    expect(fits(2)).toMatchObject({ ok: true, droppedMessages: 2 });
  });

  it('keeps the previous cut while everything after it still fits (a stable prefix)', () => {
    const history = [
      msg('user', 'a'),
      msg('assistant', 'b'),
      msg('user', 'c'),
      msg('assistant', 'd'),
      msg('user', 'e'),
    ];
    const result = buildPrompt(input({ history, previouslyDropped: 2 }));
    expect(result.ok && result.droppedMessages).toBe(2);
    expect(result.ok && result.messages.map((m) => m.content)).toEqual(['c', 'd', 'e']);
  });

  it('refuses a newest message that alone is too long', () => {
    expect(buildPrompt(input({ history: [msg('user', 'x'.repeat(20_000))] }))).toEqual({
      ok: false,
      reason: 'message-too-long',
    });
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

describe('chatSystemPrompt', () => {
  const asked = { ...msg('user', 'What is the budget?'), sentAs: 'Answer from these excerpts…' };

  it('is the user’s own until the chat holds a question sent with passages of documents', () => {
    expect(chatSystemPrompt('  Be brief.  ', [msg('user', 'Hi')])).toBe('Be brief.');
    expect(chatSystemPrompt('', [msg('user', 'Hi')])).toBe('');
  });

  it('then says that quoted document text is not the user’s, and keeps saying it', () => {
    expect(chatSystemPrompt('', [asked])).toBe(QUOTED_TEXT_RULE);
    expect(
      chatSystemPrompt('Be brief.', [asked, msg('assistant', 'A'), msg('user', 'Thanks')]),
    ).toBe(`Be brief.\n\n${QUOTED_TEXT_RULE}`);
  });
});
