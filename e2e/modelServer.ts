import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ModelServerOptions {
  shards: number;
  shardBytes: number;
  /** Destroy the connection halfway through this shard the first time it is asked for. */
  dropShardOnce?: number;
  /** Bytes per 20 ms tick, so a download takes long enough to watch its progress. */
  bytesPerTick?: number;
  /** Serve a model library of this many bytes (garbage, not WebAssembly), slowly. */
  libraryBytes?: number;
  /** Serve this model library at once. With neither, the library answers 404. */
  library?: Uint8Array;
}

export interface ModelServer {
  origin: string;
  /** Every path asked for, in order. */
  requests: string[];
  modelUrl: string;
  libraryUrl: string;
  close(): Promise<void>;
}

const CORS = { 'access-control-allow-origin': '*' };
const LIBRARY = '/libs/test-model-webgpu.wasm';

/**
 * A self-hosted model on loopback, laid out the way WebLLM expects (files under resolve/main/):
 * mlc-chat-config.json, tensor-cache.json and weight shards, sent slowly; optionally it cuts one
 * shard off midway once. The model library is not a real one: absent, garbage, or a stand-in.
 */
export async function startModelServer(options: ModelServerOptions): Promise<ModelServer> {
  const requests: string[] = [];
  const dropped = new Set<number>();
  const base = '/models/test-model/resolve/main/';
  const tick = options.bytesPerTick ?? 64 * 1024;
  const server = http.createServer((req, res) => {
    const path = req.url ?? '';
    requests.push(path);
    if (path === `${base}mlc-chat-config.json`) {
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      res.end(
        JSON.stringify({ context_window_size: 2048, vocab_size: 32000, model_type: 'llama' }),
      );
      return;
    }
    if (path === `${base}tensor-cache.json`) {
      const records = Array.from({ length: options.shards }, (_, i) => ({
        dataPath: `params_shard_${i}.bin`,
        nbytes: options.shardBytes,
      }));
      res.writeHead(200, { ...CORS, 'content-type': 'application/json' });
      res.end(JSON.stringify({ records }));
      return;
    }
    /** Sends `bytes` slowly; with `drop`, cuts the connection halfway. */
    const sendSlowly = (bytes: number, type: string, drop = false) => {
      res.writeHead(200, { ...CORS, 'content-type': type, 'content-length': String(bytes) });
      let sent = 0;
      const timer = setInterval(() => {
        if (drop && sent >= bytes / 2) {
          clearInterval(timer);
          res.destroy();
          return;
        }
        const size = Math.min(tick, bytes - sent);
        res.write(Buffer.alloc(size, 1));
        sent += size;
        if (sent >= bytes) {
          clearInterval(timer);
          res.end();
        }
      }, 20);
      res.on('close', () => clearInterval(timer));
    };
    const shard = /params_shard_(\d+)\.bin$/.exec(path);
    if (path.startsWith(base) && shard) {
      const index = Number(shard[1]);
      const drop = index === options.dropShardOnce && !dropped.has(index);
      if (drop) dropped.add(index);
      sendSlowly(options.shardBytes, 'application/octet-stream', drop);
      return;
    }
    if (path === LIBRARY && options.libraryBytes !== undefined) {
      sendSlowly(options.libraryBytes, 'application/wasm');
      return;
    }
    if (path === LIBRARY && options.library) {
      res.writeHead(200, { ...CORS, 'content-type': 'application/wasm' });
      res.end(options.library);
      return;
    }
    res.writeHead(404, CORS);
    res.end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    requests,
    modelUrl: `${origin}/models/test-model/`,
    libraryUrl: `${origin}${LIBRARY}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
