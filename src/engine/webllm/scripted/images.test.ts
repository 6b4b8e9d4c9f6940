import type { ChatCompletionChunk, ChatCompletionRequestStreaming } from '@mlc-ai/web-llm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseScriptedOptions, ScriptedEngine } from './scriptedEngine';

const IMAGE_URL = 'data:image/png;base64,iVBORw0KGgo=';

async function engineFor(modelType?: number): Promise<ScriptedEngine> {
  const engine = new ScriptedEngine(
    parseScriptedOptions(
      new URLSearchParams('scripted_load_ms=0&scripted_tps=5000&scripted_echo=1'),
    ),
  );
  engine.setAppConfig({
    model_list: [
      {
        model: 'm',
        model_id: 'm',
        model_lib: 'm.wasm',
        ...(modelType !== undefined && { model_type: modelType }),
      },
    ],
  });
  await engine.reload('m');
  return engine;
}

type Message = ChatCompletionRequestStreaming['messages'][number];

async function ask(engine: ScriptedEngine, messages: Message[]) {
  const stream = await engine.chatCompletion({
    messages,
    stream: true,
    stream_options: { include_usage: true },
  } as ChatCompletionRequestStreaming);
  let text = '';
  let usage: ChatCompletionChunk['usage'];
  for await (const chunk of stream) {
    text += chunk.choices[0]?.delta.content ?? '';
    usage = chunk.usage ?? usage;
  }
  return { text, read: usage?.prompt_tokens ?? 0 };
}

const withImage = (text: string, url = IMAGE_URL): Message => ({
  role: 'user',
  content: [
    { type: 'image_url', image_url: { url } },
    { type: 'text', text },
  ],
});

afterEach(() => vi.unstubAllGlobals());

describe('the scripted engine with images, as WebLLM', () => {
  it('refuses images for a model that is not a VLM (postInitAndCheckFields)', async () => {
    const engine = await engineFor();
    await expect(ask(engine, [withImage('What is it?')])).rejects.toMatchObject({
      name: 'UserMessageContentErrorForNonVLM',
    });
  });

  it('refuses parts WebLLM refuses: detail, a blob: URL, two text parts', async () => {
    const engine = await engineFor(2);
    const detail: Message = {
      role: 'user',
      content: [{ type: 'image_url', image_url: { url: IMAGE_URL, detail: 'low' } }],
    };
    await expect(ask(engine, [detail])).rejects.toMatchObject({ name: 'UnsupportedDetailError' });
    await expect(ask(engine, [withImage('x', 'blob:http://x/1')])).rejects.toMatchObject({
      name: 'UnsupportedImageURLError',
    });
    const twoTexts: Message = {
      role: 'user',
      content: [
        { type: 'text', text: 'a' },
        { type: 'text', text: 'b' },
      ],
    };
    await expect(ask(engine, [twoTexts])).rejects.toMatchObject({
      name: 'MultipleTextContentError',
    });
  });

  it('decodes each image from its URL and counts its embedding in the prompt tokens', async () => {
    // jsdom decodes no images: the stand-in says what the browser would.
    vi.stubGlobal('createImageBitmap', async () => ({ width: 640, height: 480, close() {} }));
    const engine = await engineFor(2);
    const plain = await ask(engine, [{ role: 'user', content: 'What is it?' }]);
    await engine.resetChat();
    const seen = await ask(engine, [withImage('What is it?')]);
    // 640 × 480 is resized to 1344 × 1008: 3 × 4 tiles, 1,921 tokens (computeImageEmbedSize).
    expect(seen.read - plain.read).toBe(3 * 12 * (4 * 12 + 1) + 1 + 156);
    expect(seen.text).toContain('[user] [image 640×480, 1921 tokens] What is it?');
  });
});
