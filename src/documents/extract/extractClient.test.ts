import { describe, expect, it } from 'vitest';
import type { CallMessage, ReplyMessage } from '../../workers/wire';
import type { ExtractedDocument, ExtractError } from '../types';
import { ExtractClient, ExtractFailure, type ExtractPort } from './extractClient';
import type { ExtractRequests } from './protocol';

type Reply = ReplyMessage<ExtractRequests, ExtractError>;

/** A worker that records what it is sent and answers when told to. */
class FakePort implements ExtractPort {
  sent: CallMessage<ExtractRequests>[] = [];
  private onMessage: ((e: MessageEvent<Reply>) => void) | undefined;
  private onError: ((e: ErrorEvent) => void) | undefined;
  postMessage(message: CallMessage<ExtractRequests>) {
    this.sent.push(message);
  }
  addEventListener(type: 'message' | 'error', listener: never) {
    if (type === 'message') this.onMessage = listener;
    else this.onError = listener;
  }
  reply(message: Reply) {
    this.onMessage?.({ data: message } as MessageEvent<Reply>);
  }
  crash(message = 'boom') {
    this.onError?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const file = (name: string) => new File(['hello'], name);
const documentOf = (name: string): ExtractedDocument => ({
  name,
  kind: 'text',
  pages: [{ number: 1, text: 'hello' }],
  pageCount: null,
  text: 'hello',
  chars: 5,
});

describe('ExtractClient', () => {
  it('sends the file and its language, reports progress and resolves with the document', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const progress: [number, number, boolean | undefined][] = [];
    const f = file('a.txt');
    const result = client.extract(f, {
      language: 'deu',
      onProgress: (done, total, ocr) => progress.push([done, total, ocr]),
    });
    expect(port.sent).toEqual([
      { kind: 'call', id: 1, type: 'extract', params: { file: f, language: 'deu' } },
    ]);
    port.reply({ kind: 'event', id: 1, event: { done: 0, total: 1, ocr: true } });
    port.reply({ kind: 'event', id: 1, event: { done: 1, total: 1 } });
    port.reply({ kind: 'result', id: 1, value: documentOf('a.txt') });
    await expect(result).resolves.toEqual(documentOf('a.txt'));
    expect(progress).toEqual([
      [0, 1, true],
      [1, 1, undefined],
    ]);
  });

  it('rejects with the worker’s typed error, worded for the user', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const result = client.extract(file('scan.pdf'));
    const error = { code: 'no-text-layer' as const, message: '“scan.pdf” has no text layer.' };
    port.reply({ kind: 'error', id: 1, error });
    const failure = await result.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExtractFailure);
    expect((failure as ExtractFailure).error).toEqual(error);
    expect((failure as ExtractFailure).message).toBe(error.message);
  });

  it('rejects at once with code "aborted" when aborted, naming the file', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const controller = new AbortController();
    const result = client.extract(file('long.pdf'), { signal: controller.signal });
    controller.abort();
    expect(port.sent.at(-1)).toEqual({ kind: 'abort', id: 1 });
    await expect(result).rejects.toMatchObject({
      error: { code: 'aborted', message: 'Reading “long.pdf” was cancelled.' },
    });
  });

  it('fails every waiting file with a sentence naming it when the worker crashes', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const first = client.extract(file('one.txt'));
    const second = client.extract(file('two.txt'));
    port.crash('Failed to load worker script');
    await expect(first).rejects.toMatchObject({ error: { code: 'corrupt' } });
    await expect(second).rejects.toThrow(
      /“two\.txt” could not be read.*Failed to load worker script/,
    );
    expect(client.dead).toBe(true);
  });
});
