/**
 * A reply can be regenerated; earlier versions stay reachable ("2/3"). The shown version lives in
 * the message's own fields, so everything that only reads `content` keeps working; the others wait
 * in `otherVersions`, with the shown one's position at `versionIndex`.
 */
import { VERSION_FIELDS, type MessageVersion, type StoredMessage } from './schema';

/** The shown version: the message's own version fields, as the declaration lists them. */
function currentVersion(m: StoredMessage): MessageVersion {
  return Object.fromEntries(
    VERSION_FIELDS.filter((field) => m[field] !== undefined).map((field) => [field, m[field]]),
  ) as MessageVersion;
}

export function versionsOf(m: StoredMessage): MessageVersion[] {
  const others = m.otherVersions ?? [];
  const at = Math.min(m.versionIndex ?? others.length, others.length);
  return [...others.slice(0, at), currentVersion(m), ...others.slice(at)];
}

/** Every version field cleared, so a version that lacks one does not inherit the old value. */
const versionFields = Object.fromEntries(VERSION_FIELDS.map((field) => [field, undefined]));

/** The message showing version `index` (0-based) of all its versions. */
export function showVersion(m: StoredMessage, index: number): StoredMessage {
  const all = versionsOf(m);
  const shown = all[index];
  if (!shown) return m;
  return {
    ...m,
    ...versionFields,
    ...shown,
    otherVersions: all.filter((_, i) => i !== index),
    versionIndex: index,
  };
}

/** The message with `fresh` added as its newest version, shown. */
export function addVersion(m: StoredMessage, fresh: MessageVersion): StoredMessage {
  const all = versionsOf(m);
  return { ...m, ...versionFields, ...fresh, otherVersions: all, versionIndex: all.length };
}
