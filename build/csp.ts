/**
 * The Content-Security-Policy the build writes into index.html's <meta> tag and sends as a header
 * (Vite's dev server and `vite preview`; see vite.config.ts), from the one policy index.html
 * states, parsed by the same code the page uses (src/lib/contentPolicy.ts).
 *
 * connect-src decides where Nook may send or fetch anything, and so what "nothing leaves the
 * device" means in practice. It names the app's own origin, the hosts WebLLM's prebuilt models
 * come from (huggingface.co for configs and weights, which it redirects to its CDNs:
 * cdn-lfs*.hf.co, cas-bridge.xethub.hf.co, *.cdn.hf.co, cdn-lfs*.huggingface.co; and
 * raw.githubusercontent.com for the compiled model libraries), and this computer (localhost,
 * 127.0.0.1: a model server on the same machine). And data:, because WebLLM reads the images it is
 * sent by fetching their data: URLs (getImageDataFromURL) in the engine worker; a data: URL
 * carries its content in itself, so allowing it lets nothing leave the device.
 *
 * Custom models may live on any http(s) host, intranet ones included, but a policy cannot be
 * widened at run time (a second policy only narrows the first), so allowing whatever host a user
 * types would mean `connect-src https: http:`: any code running in the page (a compromised
 * dependency, a library that phones home) could then send chats anywhere, and the browser would
 * no longer vouch for "only model downloads, only from these hosts". We keep the list closed
 * instead. A custom model must be served from the app's own origin, from the hosts above or from
 * this computer; an organisation with a model mirror builds Nook with that host added:
 * `NOOK_MODEL_HOSTS="https://models.intranet.example" npm run build` (space- or comma-separated
 * origins; `*.` wildcards allowed). A blocked custom model fails with a message that says why
 * (src/ui/errorMessages.ts).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { parsePolicy, serializePolicy, type Directives } from '../src/lib/contentPolicy.ts';

function readIndexPolicy(): string {
  const html = readFileSync(new URL('../index.html', import.meta.url), 'utf8');
  const match = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html);
  if (!match?.[1]) throw new Error('index.html has no Content-Security-Policy <meta> tag');
  return match[1];
}

function addSources(directives: Directives, name: string, sources: string[]): void {
  directives.set(name, [...(directives.get(name) ?? []), ...sources]);
}

/** Origins from NOOK_MODEL_HOSTS, checked so that nothing but an origin reaches the policy. */
function extraModelHosts(value: string | undefined): string[] {
  const hosts = (value ?? '').split(/[\s,]+/).filter(Boolean);
  for (const host of hosts) {
    if (!/^https?:\/\/(\*\.)?[a-z0-9.-]+(:(\d+|\*))?$/i.test(host)) {
      throw new Error(
        `NOOK_MODEL_HOSTS: "${host}" is not an origin such as https://models.example`,
      );
    }
  }
  return hosts;
}

/** The policy for the <meta> tag, and the one for the header (which can say more). */
export function contentSecurityPolicy(devServer: boolean): { meta: string; header: string } {
  const directives = parsePolicy(readIndexPolicy());
  addSources(directives, 'connect-src', extraModelHosts(process.env.NOOK_MODEL_HOSTS));
  if (devServer) {
    // The dev server (only): React Fast Refresh's inline preamble, by hash, and the HMR socket.
    const preamble = react.preambleCode.replace('__BASE__', '/');
    const hash = createHash('sha256').update(preamble).digest('base64');
    addSources(directives, 'script-src', [`'sha256-${hash}'`]);
    addSources(directives, 'connect-src', ['ws:', 'wss:']);
  }
  const meta = serializePolicy(directives);
  // frame-ancestors works only as a header: no other site may frame Nook.
  const header = `${meta}; frame-ancestors 'none'`;
  return { meta, header };
}

/** Writes the final policy into index.html's <meta> tag (with the dev and NOOK_MODEL_HOSTS additions). */
export function cspMetaPlugin(policy: string): Plugin {
  return {
    name: 'nook:content-security-policy',
    transformIndexHtml: {
      order: 'pre',
      handler: (html) =>
        html.replace(
          /(http-equiv="Content-Security-Policy"\s+content=")[^"]+"/,
          (_, start: string) => `${start}${policy}"`,
        ),
    },
  };
}
