/**
 * Turns WebLLM's load reports ({ progress, timeElapsed, text }) into phases a person understands.
 * WebLLM reports bytes only inside its text ("…[3/20]: 120MB fetched. 15% completed…") and counts
 * shader compilation ("Loading GPU shader modules[i/n]") as a separate pass from 0 to 1.
 */
import type { InitProgressReport } from '@mlc-ai/web-llm';
import type { LoadProgress } from '../protocol';

export function parseLoadProgress(report: InitProgressReport): LoadProgress {
  const { text } = report;
  const mb = /(\d+(?:\.\d+)?)MB (?:fetched|loaded)/.exec(text);
  const base = {
    fraction: Math.min(1, Math.max(0, report.progress)),
    megabytes: mb?.[1] ? Number(mb[1]) : null,
    elapsedS: report.timeElapsed,
    text,
  };
  if (text.startsWith('Fetching param cache')) return { ...base, phase: 'downloading' };
  if (text.startsWith('Loading model from cache')) return { ...base, phase: 'reading-cache' };
  if (text.startsWith('Loading GPU shader modules')) return { ...base, phase: 'compiling-shaders' };
  if (text.startsWith('Finish loading')) return { ...base, phase: 'ready', fraction: 1 };
  return { ...base, phase: 'starting' };
}
