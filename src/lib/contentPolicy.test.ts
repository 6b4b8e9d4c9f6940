// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import indexHtml from '../../index.html?raw';
import { connectAllowed, directiveSources, sourceMatches } from './contentPolicy';

// The policy as shipped, so these tests follow it when it changes.
const policy =
  /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1] ?? '';

describe("index.html's Content-Security-Policy", () => {
  it('is there, and restricts scripts, objects, frames and forms', () => {
    expect(directiveSources(policy, 'script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directiveSources(policy, 'object-src')).toEqual(["'none'"]);
    expect(directiveSources(policy, 'frame-src')).toEqual(["'none'"]);
    expect(directiveSources(policy, 'form-action')).toEqual(["'none'"]);
    expect(directiveSources(policy, 'img-src')).toEqual(["'self'", 'data:', 'blob:']);
  });

  it.each([
    'http://localhost:3000/assets/index.js',
    'https://huggingface.co/mlc-ai/Llama-3.2-1B-Instruct-q4f32_1-MLC/resolve/main/mlc-chat-config.json',
    'https://cas-bridge.xethub.hf.co/xet-bridge-us/abc',
    'https://cdn-lfs-us-1.hf.co/repos/ab/cd',
    'https://cdn-lfs.huggingface.co/repos/ab/cd',
    'https://us.gcp.cdn.hf.co/x',
    'https://hf.co/x',
    'https://raw.githubusercontent.com/mlc-ai/binary-mlc-llm-libs/main/web-llm-models/x.wasm',
    'http://127.0.0.1:8080/models/m/resolve/main/mlc-chat-config.json',
    'http://localhost:9000/m.wasm',
  ])('lets Nook connect to %s', (url) => {
    expect(connectAllowed(url, policy)).toBe(true);
  });

  it.each([
    'https://evil.example/collect',
    'https://www.google-analytics.com/g/collect',
    'https://fonts.googleapis.com/css2',
    'https://cdn.jsdelivr.net/npm/x',
    'https://huggingface.co.evil.example/x',
    'http://huggingface.co/x',
    'https://models.intranet.example/m/resolve/main/mlc-chat-config.json',
    'http://10.0.0.5:8000/m.wasm',
  ])('does not let Nook connect to %s', (url) => {
    expect(connectAllowed(url, policy)).toBe(false);
  });
});

describe('sourceMatches', () => {
  const self = 'https://nook.example';
  it.each([
    ["'self'", 'https://nook.example/a', true],
    ["'self'", 'https://other.example/a', false],
    ['https:', 'https://any.example/', true],
    ['https:', 'http://any.example/', false],
    ['https://*.hf.co', 'https://a.b.hf.co/', true],
    ['https://*.hf.co', 'https://hf.co/', false],
    ['https://host.example', 'https://host.example:8443/', false],
    ['https://host.example:*', 'https://host.example:8443/', true],
    ['http://host.example', 'https://host.example/', true],
    ['host.example', 'https://host.example/', true],
  ] as const)('%s against %s: %s', (source, url, expected) => {
    expect(sourceMatches(source, new URL(url), self)).toBe(expected);
  });
});
