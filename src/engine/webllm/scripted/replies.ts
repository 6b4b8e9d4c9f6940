/** TEST BUILD ONLY. Deterministic replies for the scripted engine, cut into token-sized pieces. */
import type { ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import { imageParts, textOf, type MeasuredImages } from './images';

export const defaultReply = [
  '## A scripted reply',
  '',
  'This reply comes from the **scripted engine**, a stand-in for the model that end-to-end tests use.',
  'It streams token by token at a steady speed, so the interface can be tested without a GPU.',
  '',
  '- It runs inside the real engine worker.',
  '- It reports progress and usage the way WebLLM does.',
  '- It can be stopped at any time.',
  '',
  '```ts',
  "const greeting = 'hello from Nook';",
  '```',
  '',
  'That is all it has to say.',
].join('\n');

const SENTENCES = [
  'Local models answer without sending a word to any server.',
  'The reply streams in small batches so the page stays smooth.',
  'Every figure here is measured rather than guessed.',
  'Markdown, lists and code all arrive token by token.',
  'A stopped reply keeps the text that had already arrived.',
];

/** Pieces as a tokenizer would emit them: each word with the whitespace before it. */
export function splitTokens(text: string): string[] {
  return text.match(/\s*\S+|\s+$/g) ?? [];
}

/** A multi-paragraph reply of exactly `count` tokens. */
export function syntheticReply(count: number): string {
  const tokens: string[] = [];
  for (let i = 0; tokens.length < count; i++) {
    const sentence = SENTENCES[i % SENTENCES.length] ?? '';
    const words = splitTokens((i > 0 && i % 4 === 0 ? '\n\n' : ' ') + sentence);
    tokens.push(...words);
  }
  return tokens.slice(0, count).join('').trimStart();
}

/**
 * The request as the engine saw it, one line per message, plus the generation options. An image
 * is written as what WebLLM decoded from its URL: "[image 640×480, 2509 tokens]".
 */
export function echoReply(
  request: ChatCompletionRequestStreaming,
  images: MeasuredImages = new Map(),
): string {
  const lines = request.messages.map((m) => {
    const seen = imageParts(m).map((url) => {
      const image = images.get(url);
      return image ? `[image ${image.width}×${image.height}, ${image.tokens} tokens] ` : '';
    });
    return `[${m.role}] ${seen.join('')}${textOf(m)}`;
  });
  const options = {
    temperature: request.temperature,
    top_p: request.top_p,
    max_tokens: request.max_tokens,
    repetition_penalty: request.repetition_penalty,
    enable_thinking: request.extra_body?.enable_thinking,
    ignore_eos: request.ignore_eos,
  };
  return [...lines, `[options] ${JSON.stringify(options)}`].join('\n\n');
}
