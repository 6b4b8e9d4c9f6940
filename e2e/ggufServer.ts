import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeGguf } from '../scripts/make-gguf.mjs';

/** Tiny GGUF models written at test time by scripts/make-gguf.mjs (never committed). */
export const GGUF_FILES = {
  /** Replies end by themselves, after about 26 tokens. */
  'tiny.gguf': () => writeGguf({ seed: 1 }),
  /** The same, with other weights: a second model to compare. */
  'tiny-b.gguf': () => writeGguf({ seed: 4 }),
  /** Qwen3's thinking switch in its chat template. */
  'thinker.gguf': () => writeGguf({ seed: 1, thinking: true }),
  /** Never ends a reply: for Stop, and for long replies. */
  'endless.gguf': () => writeGguf({ seed: 2, noEos: true }),
  /** Room for the benchmark's long prompt, which this vocabulary spells out letter by letter. */
  'roomy.gguf': () => writeGguf({ seed: 6, ctx: 8192 }),
  /** Trained for 512 tokens: a chat outgrows it quickly. */
  'short-context.gguf': () => writeGguf({ seed: 3, ctx: 512 }),
  'truncated.gguf': () => writeGguf({ variant: 'truncated' }),
  'unknown-arch.gguf': () => writeGguf({ variant: 'unknown-arch' }),
  'not-found.gguf': () => writeGguf({ variant: 'html' }),
} as const;

export type GgufName = keyof typeof GGUF_FILES;

export interface GgufServer {
  origin: string;
  /** Every request, as "METHOD path range cache-control", in order. */
  requests: string[];
  url(name: GgufName): string;
  close(): Promise<void>;
}

const CORS = {
  'access-control-allow-origin': '*',
  'access-control-allow-headers': 'range',
  'access-control-expose-headers': 'content-length, content-range, accept-ranges',
};

/**
 * A model host on loopback: the test GGUF files under /models/, with HTTP Range requests answered
 * as Hugging Face answers them, sent at `bytesPerTick` every 20 ms (all at once by default).
 */
export async function startGgufServer(
  options: { bytesPerTick?: number } = {},
): Promise<GgufServer> {
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    const { range: asked = '', 'cache-control': caching = '' } = req.headers;
    requests.push(`${req.method} ${path} ${asked} ${caching}`.replace(/ +/g, ' ').trim());
    if (req.method === 'OPTIONS') {
      res.writeHead(204, CORS);
      res.end();
      return;
    }
    const name = path.replace(/^\/models\//, '') as GgufName;
    const make = GGUF_FILES[name];
    if (!path.startsWith('/models/') || !make) {
      res.writeHead(404, { ...CORS, 'content-type': 'text/plain' });
      res.end('Not found');
      return;
    }
    const file = files.get(name) ?? make();
    files.set(name, file);
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const from = range ? Number(range[1]) : 0;
    const to = range?.[2] ? Math.min(Number(range[2]), file.length - 1) : file.length - 1;
    if (from >= file.length) {
      res.writeHead(416, { ...CORS, 'content-range': `bytes */${file.length}` });
      res.end();
      return;
    }
    const body = file.subarray(from, to + 1);
    res.writeHead(range ? 206 : 200, {
      ...CORS,
      'content-type': 'application/octet-stream',
      'content-length': String(body.length),
      'accept-ranges': 'bytes',
      ...(range && { 'content-range': `bytes ${from}-${to}/${file.length}` }),
    });
    const tick = options.bytesPerTick;
    if (!tick) {
      res.end(body);
      return;
    }
    let sent = 0;
    const timer = setInterval(() => {
      res.write(body.subarray(sent, sent + tick));
      sent += tick;
      if (sent >= body.length) {
        clearInterval(timer);
        res.end();
      }
    }, 20);
    res.on('close', () => clearInterval(timer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    url: (name) => `${origin}/models/${name}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
