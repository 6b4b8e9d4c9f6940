import { describe, expect, it } from 'vitest';
import type { ExtractedDocument } from '../types';
import { ExtractClient, ExtractFailure, type ExtractPort } from './extractClient';
import type { ExtractRequest, ExtractResponse } from './protocol';

/** A worker that records what it is sent and answers when told to. */
class FakePort implements ExtractPort {
  sent: ExtractRequest[] = [];
  private onMessage: ((e: MessageEvent<ExtractResponse>) => void) | undefined;
  private onError: ((e: ErrorEvent) => void) | undefined;
  postMessage(message: ExtractRequest) {
    this.sent.push(message);
  }
  addEventListener(type: 'message' | 'error', listener: never) {
    if (type === 'message') this.onMessage = listener;
    else this.onError = listener;
  }
  reply(message: ExtractResponse) {
    this.onMessage?.({ data: message } as MessageEvent<ExtractResponse>);
  }
  crash(message = 'boom') {
    this.onError?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
  lastId(): number {
    const last = this.sent.at(-1)!;
    return last.id;
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
  it('sends the file, reports progress and resolves with the document', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const progress: [number, number, boolean | undefined][] = [];
    const f = file('a.txt');
    const result = client.extract(f, {
      language: 'deu',
      onProgress: (done, total, ocr) => progress.push([done, total, ocr]),
    });
    expect(port.sent).toEqual([{ type: 'extract', id: 1, file: f, language: 'deu' }]);
    port.reply({ type: 'progress', id: 1, done: 0, total: 1, ocr: true });
    port.reply({ type: 'progress', id: 1, done: 1, total: 1 });
    port.reply({ type: 'result', id: 1, document: documentOf('a.txt') });
    await expect(result).resolves.toEqual(documentOf('a.txt'));
    expect(progress).toEqual([
      [0, 1, true],
      [1, 1, undefined],
    ]);
  });

  it('rejects with the worker’s typed error', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const result = client.extract(file('scan.pdf'));
    const error = { code: 'no-text-layer' as const, message: '“scan.pdf” has no text layer.' };
    port.reply({ type: 'error', id: port.lastId(), error });
    const failure = await result.catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ExtractFailure);
    expect((failure as ExtractFailure).error).toEqual(error);
    expect((failure as ExtractFailure).message).toBe(error.message);
  });

  it('keeps concurrent requests apart by id', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const first = client.extract(file('one.txt'));
    const second = client.extract(file('two.txt'));
    expect(port.sent.map((m) => m.id)).toEqual([1, 2]);
    port.reply({ type: 'result', id: 2, document: documentOf('two.txt') });
    port.reply({ type: 'result', id: 1, document: documentOf('one.txt') });
    await expect(first).resolves.toMatchObject({ name: 'one.txt' });
    await expect(second).resolves.toMatchObject({ name: 'two.txt' });
  });

  it('turns an abort into a cancel message and rejects at once with code "aborted"', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const controller = new AbortController();
    const progress: number[] = [];
    const result = client.extract(file('long.pdf'), {
      signal: controller.signal,
      onProgress: (done) => progress.push(done),
    });
    port.reply({ type: 'progress', id: 1, done: 1, total: 300 });
    controller.abort();
    expect(port.sent.at(-1)).toEqual({ type: 'cancel', id: 1 });
    await expect(result).rejects.toMatchObject({
      error: { code: 'aborted', message: 'Reading “long.pdf” was cancelled.' },
    });
    // Whatever the worker still sends for it is ignored.
    port.reply({ type: 'progress', id: 1, done: 2, total: 300 });
    port.reply({ type: 'error', id: 1, error: { code: 'aborted', message: 'x' } });
    expect(progress).toEqual([1]);
  });

  it('does not send anything for a signal aborted before the call', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const result = client.extract(file('a.txt'), { signal: AbortSignal.abort() });
    await expect(result).rejects.toMatchObject({ error: { code: 'aborted' } });
    expect(port.sent).toEqual([]);
  });

  it('ignores an abort after the answer came', async () => {
    const port = new FakePort();
    const client = new ExtractClient(port);
    const controller = new AbortController();
    const result = client.extract(file('a.txt'), { signal: controller.signal });
    port.reply({ type: 'result', id: 1, document: documentOf('a.txt') });
    await result;
    controller.abort();
    expect(port.sent).toHaveLength(1);
  });

  it('fails every pending request when the worker crashes, and reports the crash', async () => {
    const port = new FakePort();
    let crashed = 0;
    const client = new ExtractClient(port, () => crashed++);
    const first = client.extract(file('one.txt'));
    const second = client.extract(file('two.txt'));
    port.crash('Failed to load worker script');
    await expect(first).rejects.toMatchObject({ error: { code: 'corrupt' } });
    await expect(second).rejects.toThrow(
      /“two\.txt” could not be read.*Failed to load worker script/,
    );
    expect(crashed).toBe(1);
  });
});
