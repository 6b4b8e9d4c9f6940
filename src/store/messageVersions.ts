/**
 * A reply can be regenerated; earlier versions stay reachable ("2/3"). The shown version lives in
 * the message's own fields, so everything that only reads `content` keeps working; the others wait
 * in `otherVersions`, with the shown one's position at `versionIndex`.
 */
import type { MessageVersion, StoredMessage } from './schema';

function currentVersion(m: StoredMessage): MessageVersion {
  const { content, createdAt, status, modelId, stats, error, droppedMessages, sources, journalId } =
    m;
  return {
    content,
    createdAt,
    status,
    ...(modelId !== undefined && { modelId }),
    ...(stats !== undefined && { stats }),
    ...(error !== undefined && { error }),
    ...(droppedMessages !== undefined && { droppedMessages }),
    ...(sources !== undefined && { sources }),
    ...(m.instructionsIn !== undefined && { instructionsIn: m.instructionsIn }),
    ...(journalId !== undefined && { journalId }),
  };
}

export function versionsOf(m: StoredMessage): MessageVersion[] {
  const others = m.otherVersions ?? [];
  const at = Math.min(m.versionIndex ?? others.length, others.length);
  return [...others.slice(0, at), currentVersion(m), ...others.slice(at)];
}

const versionFields = {
  modelId: undefined,
  stats: undefined,
  error: undefined,
  droppedMessages: undefined,
  sources: undefined,
  instructionsIn: undefined,
  journalId: undefined,
} satisfies Partial<MessageVersion>;

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
