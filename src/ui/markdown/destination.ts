// Where a link goes, described for the person asked before it opens: the host first, as the
// browser will contact it, then the whole address. Tricks that make an address read as another
// are undone rather than trusted: a name put before an "@" (https://bank.example@evil.example)
// is called what it is, an international name is shown as the browser sends it (xn--…) and in
// the letters it was written with, label by label, so right-to-left letters cannot reorder the
// labels, and a character that does not show is spelled out.
import { decodePunycode } from './punycode';
import { webUrl } from './safeUrl';

export interface Destination {
  /** The address the browser opens, exactly: ASCII only (punycode host, percent-encoded rest). */
  href: string;
  /** The host (and port) the browser contacts. */
  host: string;
  /**
   * An international host's labels in the letters they were written with, in the order the
   * browser reads them; null when the host is plain ASCII.
   */
  writtenAs: string[] | null;
  /** Text before an "@" in front of the host: it reads like a site's name but is not where the link goes. */
  userName: string | null;
}

const ACE_PREFIX = 'xn--';

/**
 * Controls, format characters (the right-to-left override, zero-width joiners…) and separators
 * other than a plain space: characters that move or hide what is around them.
 */
const INVISIBLE = /(?! )[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Zs}]/gu;

/** Each invisible character as "⟨U+202E⟩", so it can be seen. */
export function showInvisible(text: string): string {
  return text.replace(
    INVISIBLE,
    (c) => `⟨U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}⟩`,
  );
}

function writtenLabel(label: string): string {
  if (!label.startsWith(ACE_PREFIX)) return label;
  return showInvisible(decodePunycode(label.slice(ACE_PREFIX.length)) ?? label);
}

/** The destination of a link's address; null when the address may not be a link (see safeUrl). */
export function describeDestination(address: string): Destination | null {
  const url = webUrl(address);
  if (!url) return null;
  const labels = url.hostname.split('.');
  const international = labels.some((label) => label.startsWith(ACE_PREFIX));
  return {
    href: url.href,
    host: url.host,
    writtenAs: international ? labels.map(writtenLabel) : null,
    userName: url.username ? decodeText(url.username) : null,
  };
}

/** The user name as it reads (percent-escapes undone), with what does not show spelled out. */
function decodeText(text: string): string {
  try {
    return showInvisible(decodeURIComponent(text));
  } catch {
    return text;
  }
}
