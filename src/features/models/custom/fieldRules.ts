/**
 * Rules both custom-model forms (an MLC build for WebLLM, a GGUF file for llama.cpp) apply to what
 * the user typed: addresses, names, ids and optional numbers. Pure.
 */

/** The models the user added already, of either engine, by id. */
export type AddedModels = Record<string, { id: string; name: string }>;

export const NAME_MAX_LENGTH = 100;
export const CONTEXT_WINDOW_BOUNDS = { min: 256, max: 262_144 };
const SLUG_MAX_LENGTH = 60;

type UrlCheck = { ok: true; url: URL } | { ok: false; error: string };

export function checkHttpUrl(value: string, missing: string, example: string): UrlCheck {
  if (value === '') return { ok: false, error: missing };
  const notHttp = {
    ok: false,
    error: `Enter a full http:// or https:// address, such as ${example}.`,
  } as const;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return notHttp;
  }
  // Also catches "localhost:8080/…", which parses with "localhost:" as its scheme.
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return notHttp;
  // Browsers refuse to fetch a URL with credentials in it, so the download would fail later.
  if (url.username || url.password) {
    return {
      ok: false,
      error: 'Take the user name and password out of the address; browsers will not send them.',
    };
  }
  return { ok: true, url };
}

/** Lowercase ASCII letters, digits and single dashes; accents are dropped, not the letters. */
function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return slug || 'model';
}

function trimSlug(slug: string, length: number): string {
  return slug.slice(0, length).replace(/-+$/, '');
}

/** `<prefix>:` and a slug of the name, numbered when the name's slug is taken. */
export function uniqueId(prefix: string, name: string, existing: AddedModels): string {
  const slug = slugify(name);
  const first = `${prefix}:${trimSlug(slug, SLUG_MAX_LENGTH)}`;
  if (!(first in existing)) return first;
  for (let n = 2; ; n++) {
    const suffix = `-${n}`;
    const id = `${prefix}:${trimSlug(slug, SLUG_MAX_LENGTH - suffix.length)}${suffix}`;
    if (!(id in existing)) return id;
  }
}

/** Parses an optional number field; `null` means "typed, but not acceptable". */
export function optionalNumber(
  value: string,
  pattern: RegExp,
  bounds: { min: number; max: number },
): number | undefined | null {
  if (value === '') return undefined;
  if (!pattern.test(value)) return null;
  const n = Number(value);
  return n >= bounds.min && n <= bounds.max ? n : null;
}

/** What is wrong with a model's name, if anything: empty, too long, or another model's. */
export function nameError(name: string, existing: AddedModels, editingId?: string): string | null {
  if (name === '') return 'Enter a name for this model.';
  if (name.length > NAME_MAX_LENGTH)
    return `Keep the name to ${NAME_MAX_LENGTH} characters or fewer.`;
  const taken = Object.values(existing).some(
    (m) => m.id !== editingId && m.name.trim().toLowerCase() === name.toLowerCase(),
  );
  return taken ? `You already have a model called “${name}”. Choose another name.` : null;
}
