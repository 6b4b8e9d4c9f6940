import { describe, expect, it, vi } from 'vitest';
import { WorkerBridge, lazyWorker, type BridgeOptions, type BridgePort } from './bridge';
import { WorkerFailure } from './failure';
import type { CallMessage, ReplyMessage, RequestSpec } from './wire';

type Requests = {
  ping: RequestSpec<undefined, null>;
  read: RequestSpec<{ name: string }, string, { done: number }>;
};
interface Problem {
  code: 'crashed' | 'aborted' | 'broken';
  detail: string;
}
class ProblemFailure extends WorkerFailure<Problem> {
  constructor(error: Problem) {
    super(error, error.detail);
  }
}

/** A worker that records what it is sent and answers when told to. */
class FakePort implements BridgePort<Requests, Problem> {
  sent: CallMessage<Requests>[] = [];
  terminated = false;
  private onMessage: ((e: MessageEvent<ReplyMessage<Requests, Problem>>) => void) | undefined;
  private onError: ((e: ErrorEvent) => void) | undefined;
  postMessage(message: CallMessage<Requests>) {
    this.sent.push(message);
  }
  addEventListener(type: 'message' | 'error', listener: never) {
    if (type === 'message') this.onMessage = listener;
    else this.onError = listener;
  }
  terminate() {
    this.terminated = true;
  }
  reply(message: ReplyMessage<Requests, Problem>) {
    this.onMessage?.({ data: message } as MessageEvent<ReplyMessage<Requests, Problem>>);
  }
  crash() {
    this.onError?.({ message: 'boom', preventDefault: () => undefined } as ErrorEvent);
  }
  lastId(): number {
    return this.sent.at(-1)!.id;
  }
}

const options: BridgeOptions<Requests, Problem> = {
  failure: (error) => new ProblemFailure(error),
  crashed: (call, detail) => ({
    code: 'crashed',
    detail: call?.type === 'read' ? `${(call.params as { name: string }).name}: ${detail}` : detail,
  }),
};

describe('WorkerBridge', () => {
  it('numbers each call, delivers its events and resolves it with its own result', async () => {
    const port = new FakePort();
    const bridge = new WorkerBridge(port, options);
    const events: number[] = [];
    const first = bridge.call('read', { name: 'a' }, { onEvent: (e) => events.push(e.done) });
    const second = bridge.call('read', { name: 'b' });
    expect(port.sent).toEqual([
      { kind: 'call', id: 1, type: 'read', params: { name: 'a' } },
      { kind: 'call', id: 2, type: 'read', params: { name: 'b' } },
    ]);
    port.reply({ kind: 'event', id: 1, event: { done: 1 } });
    port.reply({ kind: 'result', id: 2, value: 'B' });
    port.reply({ kind: 'error', id: 1, error: { code: 'broken', detail: 'no' } });
    await expect(second).resolves.toBe('B');
    await expect(first).rejects.toBeInstanceOf(ProblemFailure);
    await expect(first).rejects.toMatchObject({ code: 'broken', error: { detail: 'no' } });
    expect(events).toEqual([1]);
  });

  it('tells the worker of an abort and lets the worker settle the call, by default', async () => {
    const port = new FakePort();
    const bridge = new WorkerBridge(port, options);
    const controller = new AbortController();
    const read = bridge.call('read', { name: 'a' }, { signal: controller.signal });
    controller.abort();
    expect(port.sent.at(-1)).toEqual({ kind: 'abort', id: 1 });
    port.reply({ kind: 'result', id: 1, value: 'partial' });
    await expect(read).resolves.toBe('partial');
  });

  it('fails an aborted call at once when told what with, and ignores the late answer', async () => {
    const port = new FakePort();
    const bridge = new WorkerBridge(port, {
      ...options,
      aborted: () => ({ code: 'aborted', detail: 'Cancelled' }),
    });
    const controller = new AbortController();
    const read = bridge.call('read', { name: 'a' }, { signal: controller.signal });
    controller.abort();
    await expect(read).rejects.toMatchObject({ code: 'aborted' });
    expect(port.sent.at(-1)).toEqual({ kind: 'abort', id: 1 });
    port.reply({ kind: 'result', id: 1, value: 'late' });
    controller.abort();
    expect(port.sent).toHaveLength(2);
    const early = new AbortController();
    early.abort();
    await expect(
      bridge.call('read', { name: 'b' }, { signal: early.signal }),
    ).rejects.toMatchObject({
      code: 'aborted',
    });
  });

  it('fails every waiting call when the worker dies, and every call after', async () => {
    const port = new FakePort();
    const bridge = new WorkerBridge(port, options);
    const deaths: Problem[] = [];
    bridge.onDeath((error) => deaths.push(error));
    const a = bridge.call('read', { name: 'a.txt' });
    const b = bridge.call('read', { name: 'b.txt' });
    port.crash();
    await expect(a).rejects.toMatchObject({ error: { code: 'crashed', detail: 'a.txt: boom' } });
    await expect(b).rejects.toMatchObject({ error: { detail: 'b.txt: boom' } });
    expect(deaths).toEqual([{ code: 'crashed', detail: 'a.txt: boom' }]);
    expect(bridge.dead).toBe(true);
    expect(port.terminated).toBe(true);
    await expect(bridge.call('read', { name: 'c' })).rejects.toMatchObject({ code: 'crashed' });
  });

  it('declares a worker that goes silent while calls wait dead, and keeps one that answers', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      const heartbeat = { ping: 'ping' as const, everyMs: 1000, silenceMs: 5000 };
      const lively = new FakePort();
      const alive = new WorkerBridge(lively, { ...options, heartbeat });
      // Never answered: only the pings keep this one alive.
      alive.call('read', { name: 'a' }).catch(() => undefined);
      for (let i = 0; i < 10; i++) {
        vi.advanceTimersByTime(1000);
        const ping = lively.sent.filter((m) => m.kind === 'call' && m.type === 'ping').pop();
        if (ping) lively.reply({ kind: 'result', id: ping.id, value: null });
      }
      expect(alive.dead).toBe(false);
      // Its heartbeat would go on ticking, unanswered, while the next bridge is timed.
      alive.terminate();

      const silent = new FakePort();
      const dying = new WorkerBridge(silent, { ...options, heartbeat });
      const read = dying.call('read', { name: 'x' });
      vi.advanceTimersByTime(2000);
      expect(silent.sent.some((m) => m.kind === 'call' && m.type === 'ping')).toBe(true);
      vi.advanceTimersByTime(4000);
      await expect(read).rejects.toMatchObject({
        error: { code: 'crashed', detail: 'x: The worker stopped answering' },
      });
      expect(dying.dead).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('terminates quietly, leaving what waited unsettled', async () => {
    const port = new FakePort();
    const bridge = new WorkerBridge(port, options);
    const deaths = vi.fn();
    bridge.onDeath(deaths);
    const read = bridge.call('read', { name: 'a' });
    bridge.terminate();
    const settled = vi.fn();
    read.then(settled, settled);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(settled).not.toHaveBeenCalled();
    expect(deaths).not.toHaveBeenCalled();
    expect(port.terminated).toBe(true);
  });
});

describe('lazyWorker', () => {
  it('starts a worker on first use and a new one after it died, counting restarts', () => {
    const made: number[] = [];
    const workers = lazyWorker((restarts) => {
      made.push(restarts);
      return { dead: false, terminate: vi.fn() };
    });
    const first = workers.get();
    expect(workers.get()).toBe(first);
    (first as { dead: boolean }).dead = true;
    expect(workers.get()).not.toBe(first);
    expect(made).toEqual([0, 1]);
  });
});
