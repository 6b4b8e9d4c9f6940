// The URL policy for model output: which links and images may point anywhere at all.
// Model output is untrusted, so this is an allowlist of absolute URLs; anything else
// (javascript:, data:, file:, relative paths that would resolve against the app) is dropped.
import type { UrlTransform } from 'react-markdown';

const LINK_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
// mailto: makes no sense as an image source, so images only get the web schemes.
const IMAGE_PROTOCOLS = new Set(['http:', 'https:']);

/** react-markdown hook: every URL attribute passes through here; undefined removes it. */
export const urlTransform: UrlTransform = (url, _key, node) =>
  allowUrl(url, node.tagName === 'img' ? IMAGE_PROTOCOLS : LINK_PROTOCOLS);

function allowUrl(url: string, protocols: ReadonlySet<string>): string | undefined {
  // Parsing without a base rejects relative URLs and yields the scheme exactly as the browser
  // will see it (case folded, leading whitespace and control characters stripped).
  let protocol: string;
  try {
    protocol = new URL(url).protocol;
  } catch {
    return undefined;
  }
  return protocols.has(protocol) ? url : undefined;
}
