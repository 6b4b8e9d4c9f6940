// The link policy for untrusted text (model output, and the document text and imported chats a
// reply can repeat): which URLs may be links at all. Only absolute http(s) URLs are; anything else
// (javascript:, data:, blob:, file:, mailto:, relative paths that would resolve against Nook
// itself) is dropped and its text shows as text. Images get the same rule, and are never loaded
// (components.tsx shows them as links). A link that passes still opens only after the person
// has seen where it goes and said yes (ExternalLink.tsx).
import type { UrlTransform } from 'react-markdown';

const WEB_PROTOCOLS: ReadonlySet<string> = new Set(['http:', 'https:']);

/** The URL as the browser would open it, when it may be a link; null otherwise. */
export function webUrl(url: string): URL | null {
  // Parsing without a base rejects relative URLs and yields the scheme exactly as the browser
  // will see it (case folded, leading whitespace and control characters stripped).
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  return WEB_PROTOCOLS.has(parsed.protocol) ? parsed : null;
}

/**
 * react-markdown hook: every URL attribute passes through here; undefined removes it. A kept URL
 * comes back as the browser will open it, so the address shown before it opens is the one opened.
 */
export const urlTransform: UrlTransform = (url) => webUrl(url)?.href;
