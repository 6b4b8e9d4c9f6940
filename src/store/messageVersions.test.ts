import { describe, expect, it } from 'vitest';
import { addVersion, showVersion, versionsOf } from './messageVersions';
import type { StoredMessage } from './schema';

const reply: StoredMessage = {
  id: 'r',
  role: 'assistant',
  content: 'first',
  createdAt: 1,
  status: 'done',
};

describe('message versions', () => {
  it('a message without others has one version', () => {
    expect(versionsOf(reply).map((v) => v.content)).toEqual(['first']);
  });

  it('regenerating adds a version and shows it; earlier ones stay reachable', () => {
    const second = addVersion(reply, { content: 'second', createdAt: 2, status: 'done' });
    expect(second.content).toBe('second');
    expect(versionsOf(second).map((v) => v.content)).toEqual(['first', 'second']);
    const back = showVersion(second, 0);
    expect(back.content).toBe('first');
    expect(back.versionIndex).toBe(0);
    expect(versionsOf(back).map((v) => v.content)).toEqual(['first', 'second']);
  });

  it('does not carry stats of one version over to another', () => {
    const withStats = {
      ...reply,
      stats: {
        promptTokens: 1,
        completionTokens: 2,
        timeToFirstTokenS: 0,
        prefillTokensPerS: 0,
        decodeTokensPerS: 0,
        receivedTokensPerS: null,
      },
    };
    const fresh = addVersion(withStats, { content: 'x', createdAt: 2, status: 'streaming' });
    expect(fresh.stats).toBeUndefined();
    expect(showVersion(fresh, 0).stats?.completionTokens).toBe(2);
  });
});
