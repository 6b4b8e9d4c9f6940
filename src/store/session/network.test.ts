import { afterEach, describe, expect, it } from 'vitest';
import type { EngineError } from '../../engine/errors';
import { initialRuntimeState, useRuntimeStore } from '../runtimeStore';
import { explainOffline, watchNetwork } from './network';

const downloadFailed: EngineError = {
  code: 'download-failed',
  detail: 'Failed to store https://huggingface.co/x/resolve/main/mlc-chat-config.json',
  url: 'https://huggingface.co/x/resolve/main/mlc-chat-config.json',
};

describe('explainOffline', () => {
  it('turns a download that failed while offline into network-offline', () => {
    expect(explainOffline(downloadFailed, false)).toEqual({
      ...downloadFailed,
      code: 'network-offline',
    });
  });

  it('leaves other errors, and any error while online, alone', () => {
    expect(explainOffline(downloadFailed, true)).toBe(downloadFailed);
    const oom: EngineError = { code: 'out-of-memory', detail: 'OOM' };
    expect(explainOffline(oom, false)).toBe(oom);
  });
});

describe('watchNetwork', () => {
  let stop: () => void = () => undefined;
  afterEach(() => {
    stop();
    useRuntimeStore.setState(initialRuntimeState);
  });

  function fakeWindow(initiallyOnline: boolean) {
    const target = new EventTarget();
    let online = initiallyOnline;
    return {
      target,
      isOnline: () => online,
      go(state: 'online' | 'offline') {
        online = state === 'online';
        target.dispatchEvent(new Event(state));
      },
    };
  }

  it('keeps runtimeStore.online in step with the online and offline events', () => {
    const net = fakeWindow(false);
    stop = watchNetwork(net.target, net.isOnline);
    expect(useRuntimeStore.getState().online).toBe(false);
    net.go('online');
    expect(useRuntimeStore.getState().online).toBe(true);
    net.go('offline');
    expect(useRuntimeStore.getState().online).toBe(false);
  });

  it('stops listening when stopped', () => {
    const net = fakeWindow(true);
    watchNetwork(net.target, net.isOnline)();
    net.go('offline');
    expect(useRuntimeStore.getState().online).toBe(true);
  });
});
