// @vitest-environment node
// The worker's message loop, run in Node with a stand-in `self`: ordering, progress, cancelling a
// queued request and a running PDF. pdf.js's legacy build replaces the browser build (Node 20).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CallMessage, ReplyMessage } from '../../workers/wire';
import type { ExtractError } from '../types';
import type { ExtractProgress, ExtractRequests } from './protocol';

type ExtractRequest = CallMessage<ExtractRequests>;
/** What the worker posted, flattened for assertions as { type, id, ... }. */
type ExtractResponse =
  | ({ type: 'progress'; id: number } & ExtractProgress)
  | { type: 'result'; id: number; document: { name: string } }
  | { type: 'error'; id: number; error: ExtractError };

vi.mock('./pdfRuntime', async () => ({
  pdfjs: await import('pdfjs-dist/legacy/build/pdf.mjs'),
  documentOptions: { cMapUrl: 'node_modules/pdfjs-dist/cmaps/' },
}));

const received: ExtractResponse[] = [];
let send: (message: ExtractRequest) => void = () => undefined;
let waiters: (() => void)[] = [];

beforeAll(async () => {
  const scope = {
    postMessage(reply: ReplyMessage<ExtractRequests, ExtractError>) {
      received.push(
        reply.kind === 'event'
          ? { type: 'progress', id: reply.id, ...reply.event }
          : reply.kind === 'result'
            ? { type: 'result', id: reply.id, document: reply.value }
            : { type: 'error', id: reply.id, error: reply.error },
      );
      for (const wake of waiters) wake();
      waiters = [];
    },
    addEventListener(_type: 'message', listener: (event: { data: ExtractRequest }) => void) {
      send = (data) => listener({ data });
    },
  };
  vi.stubGlobal('self', scope);
  await import('./extract.worker');
});

afterAll(() => {
  vi.unstubAllGlobals();
});

/** Waits until a message matching `test` has arrived. */
async function waitFor(test: (m: ExtractResponse) => boolean): Promise<ExtractResponse> {
  for (;;) {
    const found = received.find(test);
    if (found) return found;
    await new Promise<void>((resolve) => waiters.push(resolve));
  }
}

const fixture = (name: string) => new File([readFileSync(`e2e/fixtures/documents/${name}`)], name);
const isFinal = (id: number) => (m: ExtractResponse) =>
  m.id === id && (m.type === 'result' || m.type === 'error');

describe('extract.worker', () => {
  it('answers each request with progress, then a result or an error', async () => {
    send({
      kind: 'call',
      id: 1,
      type: 'extract',
      params: { file: fixture('notes.txt'), language: 'eng' },
    });
    send({
      kind: 'call',
      id: 2,
      type: 'extract',
      params: { file: fixture('binary.txt'), language: 'eng' },
    });
    const result = await waitFor(isFinal(1));
    expect(result).toMatchObject({ type: 'result', document: { name: 'notes.txt', kind: 'text' } });
    expect(received.filter((m) => m.id === 1 && m.type === 'progress')).toEqual([
      { type: 'progress', id: 1, done: 0, total: 1 },
      { type: 'progress', id: 1, done: 1, total: 1 },
    ]);
    expect(await waitFor(isFinal(2))).toMatchObject({ type: 'error', error: { code: 'binary' } });
  });

  it('drops a queued request when it is cancelled, and runs the rest in order', async () => {
    send({
      kind: 'call',
      id: 10,
      type: 'extract',
      params: { file: fixture('tracemonkey.pdf'), language: 'eng' },
    });
    send({
      kind: 'call',
      id: 11,
      type: 'extract',
      params: { file: fixture('notes.md'), language: 'eng' },
    });
    send({
      kind: 'call',
      id: 12,
      type: 'extract',
      params: { file: fixture('page.html'), language: 'eng' },
    });
    send({ kind: 'abort', id: 11 });
    expect(await waitFor(isFinal(11))).toMatchObject({
      type: 'error',
      error: { code: 'aborted', message: 'Reading “notes.md” was cancelled.' },
    });
    const order = [await waitFor(isFinal(10)), await waitFor(isFinal(12))];
    expect(order.map((m) => m.type)).toEqual(['result', 'result']);
    expect(received.findIndex(isFinal(10))).toBeLessThan(received.findIndex(isFinal(12)));
    expect(received.some((m) => m.id === 11 && m.type === 'progress')).toBe(false);
    expect(order[0]).toMatchObject({ document: { pageCount: 14 } });
  });

  it('stops a running PDF between pages when cancelled', async () => {
    send({
      kind: 'call',
      id: 20,
      type: 'extract',
      params: { file: fixture('tracemonkey.pdf'), language: 'eng' },
    });
    await waitFor((m) => m.id === 20 && m.type === 'progress' && m.done === 2);
    send({ kind: 'abort', id: 20 });
    expect(await waitFor(isFinal(20))).toMatchObject({ type: 'error', error: { code: 'aborted' } });
    const pagesDone = received.filter((m) => m.id === 20 && m.type === 'progress');
    expect(pagesDone.length).toBeLessThan(6); // 0, 1, 2 and perhaps the page under way
    // The worker is free for the next file.
    send({
      kind: 'call',
      id: 21,
      type: 'extract',
      params: { file: fixture('notes.txt'), language: 'eng' },
    });
    expect(await waitFor(isFinal(21))).toMatchObject({ type: 'result' });
  });
});
