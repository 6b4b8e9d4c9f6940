import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BrowserContext } from '@playwright/test';

export interface LocalServer {
  origin: string;
  requests: string[];
  close(): Promise<void>;
}

/** A static file server on loopback that has no files: every request is answered 404. */
export async function startEmptyServer(): Promise<LocalServer> {
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '');
    res.writeHead(404, { 'content-type': 'text/plain', 'access-control-allow-origin': '*' });
    res.end('Not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/**
 * Sends every request for the model hosts named in WebLLM's prebuiltAppConfig (weights and model
 * libraries) to the local server instead, so the real WebLLM download path runs without internet.
 */
export async function serveModelHostsFrom(context: BrowserContext, server: LocalServer) {
  await context.route(
    /^https:\/\/(huggingface\.co|raw\.githubusercontent\.com)\//,
    async (route) => {
      const { pathname } = new URL(route.request().url());
      const response = await route.fetch({ url: `${server.origin}${pathname}` });
      await route.fulfill({ response });
    },
  );
}
