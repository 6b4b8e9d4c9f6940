/**
 * Reasoning models (Qwen3, DeepSeek-R1 distills) write their thoughts in <think>…</think> before
 * the answer. This splits a (possibly still streaming) reply into the two.
 */
export interface ThinkingSplit {
  /** null when the reply has no thinking section. */
  thinking: string | null;
  answer: string;
  /** False while the closing tag has not arrived yet. */
  thinkingDone: boolean;
}

const OPEN = '<think>';
const CLOSE = '</think>';

export function splitThinking(text: string): ThinkingSplit {
  const trimmed = text.trimStart();
  // DeepSeek-R1 distills often omit the opening tag and start thinking straight away.
  const opened = trimmed.startsWith(OPEN);
  const closeAt = trimmed.indexOf(CLOSE);
  if (!opened && closeAt < 0) return { thinking: null, answer: text, thinkingDone: true };
  const start = opened ? OPEN.length : 0;
  if (closeAt < 0)
    return { thinking: trimmed.slice(start).trim(), answer: '', thinkingDone: false };
  const thinking = trimmed.slice(start, closeAt).trim();
  const answer = trimmed.slice(closeAt + CLOSE.length).trimStart();
  return { thinking: thinking || null, answer, thinkingDone: true };
}
