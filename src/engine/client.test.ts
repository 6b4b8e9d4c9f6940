import { describe, expect, it, vi } from 'vitest';
import { EngineClient, type WorkerPort } from './client';
import { EngineFailure } from './errors';
import type { WorkerRequest, WorkerResponse } from './protocol';

/** A worker that records what it is sent and answers when told to. */
class FakePort implements WorkerPort {
  sent: WorkerRequest[] = [];
  private onMessage: ((e: MessageEvent<WorkerResponse>) => void) | undefined;
  private onError: ((e: ErrorEvent) => void) | undefined;
  postMessage(message: WorkerRequest) {
    this.sent.push(message);
  }
  addEventListener(type: 'message' | 'error', listener: never) {
    if (type === 'message') this.onMessage = listener;
    else this.onError = listener;
  }
  reply(message: WorkerResponse) {
    this.onMessage?.({ data: message } as MessageEvent<WorkerResponse>);
  }
  crash() {
    this.onError?.({ message: 'boom' } as ErrorEvent);
  }
  last(): WorkerRequest {
    return this.sent[this.sent.length - 1]!;
  }
}

describe('EngineClient', () => {
  it('introduces itself, then streams tokens and resolves with the result', async () => {
    const port = new FakePort();
    const client = new EngineClient(port, '?scripted_tps=5');
    expect(port.sent[0]).toMatchObject({ type: 'init', params: { pageQuery: '?scripted_tps=5' } });
    const batches: string[] = [];
    const reply = client.call.chat(
      { messages: [{ role: 'user', content: 'hi' }] },
      { onTokens: (text) => batches.push(text) },
    );
    const { id } = port.last() as { id: number };
    port.reply({ type: 'tokens', id, text: 'Hel', tokens: 2 });
    port.reply({ type: 'tokens', id, text: 'lo', tokens: 1 });
    port.reply({ type: 'result', id, value: { finishReason: 'stop', reusedCache: false } });
    await expect(reply).resolves.toEqual({ finishReason: 'stop', reusedCache: false });
    expect(batches).toEqual(['Hel', 'lo']);
  });

  it('turns an AbortSignal into an abort message for that request', async () => {
    const port = new FakePort();
    const client = new EngineClient(port);
    const controller = new AbortController();
    const load = client.call.load(
      { record: { model: 'm', model_id: 'm', model_lib: 'l' } },
      { signal: controller.signal },
    );
    const { id } = port.last() as { id: number };
    controller.abort();
    expect(port.last()).toEqual({ type: 'abort', target: id });
    port.reply({ type: 'error', id, error: { code: 'aborted', detail: 'x' } });
    await expect(load).rejects.toMatchObject({ error: { code: 'aborted' } });
  });

  it('fails every pending call with a typed error when the worker dies', async () => {
    const port = new FakePort();
    const client = new EngineClient(port);
    const reset = client.call.reset({});
    port.crash();
    await expect(reset).rejects.toBeInstanceOf(EngineFailure);
    await expect(reset).rejects.toMatchObject({ error: { code: 'worker-crashed' } });
  });

  it('declares a silent worker dead, terminates it and fails what was waiting', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      const port = new FakePort();
      const terminated = vi.fn();
      const client = new EngineClient(Object.assign(port, { terminate: terminated }), '', {
        heartbeatMs: 1000,
        silenceMs: 5000,
      });
      const deaths: string[] = [];
      client.onDeath((e) => deaths.push(e.code));
      const reply = client.call.chat({ messages: [] });
      vi.advanceTimersByTime(2000);
      expect(port.sent.some((m) => m.type === 'ping')).toBe(true);
      vi.advanceTimersByTime(4000);
      await expect(reply).rejects.toMatchObject({ error: { code: 'worker-crashed' } });
      expect(terminated).toHaveBeenCalled();
      expect(deaths).toEqual(['worker-crashed']);
      expect(client.dead).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('keeps a worker that answers alive', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'performance'] });
    try {
      const port = new FakePort();
      const client = new EngineClient(port, '', { heartbeatMs: 1000, silenceMs: 5000 });
      void client.call.chat({ messages: [] });
      for (let i = 0; i < 10; i++) {
        vi.advanceTimersByTime(1000);
        const ping = port.sent.filter((m) => m.type === 'ping').pop() as { id: number } | undefined;
        if (ping) port.reply({ type: 'result', id: ping.id, value: null });
      }
      expect(client.dead).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });
});
