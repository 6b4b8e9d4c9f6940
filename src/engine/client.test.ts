import { describe, expect, it } from 'vitest';
import type { CallMessage, ReplyMessage } from '../workers/wire';
import { EngineClient, type EnginePort } from './client';
import { EngineFailure, type EngineError } from './errors';
import type { EngineRequests } from './protocol';

/** A worker that records what it is sent and answers when told to. */
class FakePort implements EnginePort {
  sent: CallMessage<EngineRequests>[] = [];
  private onMessage:
    ((e: MessageEvent<ReplyMessage<EngineRequests, EngineError>>) => void) | undefined;
  private onError: ((e: ErrorEvent) => void) | undefined;
  postMessage(message: CallMessage<EngineRequests>) {
    this.sent.push(message);
  }
  addEventListener(type: 'message' | 'error', listener: never) {
    if (type === 'message') this.onMessage = listener;
    else this.onError = listener;
  }
  reply(message: ReplyMessage<EngineRequests, EngineError>) {
    this.onMessage?.({ data: message } as MessageEvent<ReplyMessage<EngineRequests, EngineError>>);
  }
  crash() {
    this.onError?.({ message: 'boom' } as ErrorEvent);
  }
}

describe('EngineClient', () => {
  it('introduces itself, then turns the worker’s events into progress, tokens and recovered text', async () => {
    const port = new FakePort();
    const client = new EngineClient(port, '?scripted_tps=5');
    expect(port.sent[0]).toMatchObject({ type: 'init', params: { pageQuery: '?scripted_tps=5' } });
    const seen: string[] = [];
    const reply = client.call.resume(
      { sessionId: 's' },
      {
        onRecovered: (text) => seen.push(`recovered ${text}`),
        onTokens: (text, tokens) => seen.push(`${tokens}: ${text}`),
      },
    );
    const { id } = port.sent.at(-1)!;
    port.reply({ kind: 'event', id, event: { type: 'recovered', text: 'Hel' } });
    port.reply({ kind: 'event', id, event: { type: 'tokens', text: 'lo', tokens: 1 } });
    port.reply({ kind: 'result', id, value: { finishReason: 'stop', reusedCache: false } });
    await expect(reply).resolves.toEqual({ finishReason: 'stop', reusedCache: false });
    expect(seen).toEqual(['recovered Hel', '1: lo']);
  });

  it('fails what waited with "worker-crashed" when its worker dies', async () => {
    const port = new FakePort();
    const client = new EngineClient(port);
    const reset = client.call.reset({});
    port.crash();
    await expect(reset).rejects.toBeInstanceOf(EngineFailure);
    await expect(reset).rejects.toMatchObject({ error: { code: 'worker-crashed' } });
    expect(client.dead).toBe(true);
  });
});
