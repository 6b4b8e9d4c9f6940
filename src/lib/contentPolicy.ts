/**
 * Nook's Content-Security-Policy, read and written: the build adds to it (build/csp.ts) and the
 * page reads what it lets Nook connect to from the policy itself, so the privacy note and error
 * messages never disagree with it. One parser for both. Pure.
 */

/** A policy's directives by name, each with its sources, in order. */
export type Directives = Map<string, string[]>;

export function parsePolicy(policy: string): Directives {
  return new Map(
    policy
      .split(';')
      .map((directive) => directive.trim().split(/\s+/))
      .filter((tokens): tokens is [string, ...string[]] => Boolean(tokens[0]))
      .map(([name, ...sources]) => [name, sources]),
  );
}

export function serializePolicy(directives: Directives): string {
  return [...directives].map(([name, sources]) => [name, ...sources].join(' ')).join('; ');
}

/** The sources of one directive of a policy; null when the policy does not have it. */
export function directiveSources(policy: string, directive: string): string[] | null {
  return parsePolicy(policy).get(directive) ?? null;
}

const DEFAULT_PORTS: Record<string, string> = { 'http:': '80', 'https:': '443' };

function hostMatches(pattern: string, host: string): boolean {
  if (pattern === '*') return true;
  if (pattern.startsWith('*.')) return host.endsWith(pattern.slice(1));
  return host === pattern;
}

/**
 * Whether `url` matches one CSP source expression (the forms Nook's policy uses: 'self', a
 * scheme such as `https:`, and host sources with optional scheme, `*.` wildcard and port).
 */
export function sourceMatches(source: string, url: URL, selfOrigin: string): boolean {
  if (source === "'self'") return url.origin === selfOrigin;
  if (/^[a-z][a-z0-9+.-]*:$/i.test(source)) return url.protocol === source.toLowerCase();
  const match = /^(?:([a-z][a-z0-9+.-]*):\/\/)?([^/:]+)(?::(\d+|\*))?(?:\/.*)?$/i.exec(source);
  if (!match?.[2]) return false;
  const [, scheme, host, port] = match;
  // A source also allows the secure upgrade of its scheme (http: to https:); without a scheme,
  // the page's own.
  const allowed = scheme ? `${scheme.toLowerCase()}:` : new URL(selfOrigin).protocol;
  if (url.protocol !== allowed && !(allowed === 'http:' && url.protocol === 'https:')) return false;
  if (!hostMatches(host.toLowerCase(), url.hostname.toLowerCase())) return false;
  const urlPort = url.port || DEFAULT_PORTS[url.protocol] || '';
  if (port === '*') return true;
  return urlPort === (port ?? DEFAULT_PORTS[url.protocol] ?? '');
}

/** The page's policy, as its <meta> tag states it ("" outside a browser page, as in unit tests). */
export function pagePolicy(): string {
  if (typeof document === 'undefined') return '';
  return (
    document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ??
    ''
  );
}

/** The sources Nook may connect to, or null when no policy restricts them. */
export function connectSources(policy = pagePolicy()): string[] | null {
  return directiveSources(policy, 'connect-src') ?? directiveSources(policy, 'default-src');
}

/** Whether the policy lets Nook (the page and its engine worker) fetch from `url`. */
export function connectAllowed(url: string, policy = pagePolicy()): boolean {
  const sources = connectSources(policy);
  if (!sources) return true;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  return sources.some((source) => sourceMatches(source, parsed, location.origin));
}
