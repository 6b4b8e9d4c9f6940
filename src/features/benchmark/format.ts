/**
 * Benchmark results as people read and share them: medians with their spread (min–max), a
 * Markdown table, and JSON with the raw runs beside the summaries.
 */
import { formatRate } from '../../lib/format';
import { BENCHMARK_PROMPTS } from '../../prompts/benchmark';
import type { BenchmarkPromptResult, BenchmarkResult } from '../../store/benchmarkStore';
import { median, summarize, type Summary } from '../../lib/statistics';

export interface PromptSummary {
  promptId: string;
  label: string;
  runs: number;
  /** Medians: the same prompt gives the same counts on every run. */
  promptTokens: number;
  completionTokens: number;
  timeToFirstTokenS: Summary;
  prefillTokensPerS: Summary;
  decodeTokensPerS: Summary;
}

export function promptLabel(promptId: string): string {
  return BENCHMARK_PROMPTS.find((p) => p.id === promptId)?.label ?? promptId;
}

export function summarizePrompt(prompt: BenchmarkPromptResult): PromptSummary {
  const of = (pick: (run: BenchmarkPromptResult['runs'][number]) => number): Summary =>
    // Stored results always hold at least one run (benchmarkStore validates it).
    summarize(prompt.runs.map(pick)) ?? { median: 0, min: 0, max: 0, count: 0 };
  return {
    promptId: prompt.promptId,
    label: promptLabel(prompt.promptId),
    runs: prompt.runs.length,
    promptTokens: median(prompt.runs.map((r) => r.promptTokens)) ?? 0,
    completionTokens: median(prompt.runs.map((r) => r.completionTokens)) ?? 0,
    timeToFirstTokenS: of((r) => r.timeToFirstTokenS),
    prefillTokensPerS: of((r) => r.prefillTokensPerS),
    decodeTokensPerS: of((r) => r.decodeTokensPerS),
  };
}

/** A rate: whole numbers from 100 up, one decimal below. */
export function formatNumber(value: number): string {
  return value >= 100 ? String(Math.round(value)) : value.toFixed(1);
}

const ms = (seconds: number) => String(Math.round(seconds * 1000));

/** "100 tokens/s (98.2–101)": the median, then the spread of the runs. */
export function formatRateSummary(s: Summary): string {
  return `${formatRate(s.median, 'tokens/s')} (${formatNumber(s.min)}–${formatNumber(s.max)})`;
}

export function formatMsSummary(s: Summary): string {
  return `${ms(s.median)} ms (${ms(s.min)}–${ms(s.max)})`;
}

/** The date and time in UTC, to the minute: "2026-11-21 10:02 UTC". */
export function formatWhen(createdAt: number): string {
  return `${new Date(createdAt).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const cell = (text: string) =>
  text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** One row of a Markdown table, its cells escaped and kept on one line. */
export const tableLine = (cells: readonly string[]) => `| ${cells.map(cell).join(' | ')} |`;

const HEADER = [
  'Model',
  'Prompt',
  'Prompt tokens',
  'Output tokens',
  'Time to first token, ms',
  'Prefill, tokens/s',
  'Decode, tokens/s',
  'Engine',
  'Device',
  'Browser',
  'Date',
  'Version',
];

/** One row per result and prompt; each figure is "median (min–max)" over the measured runs. */
export function resultsToMarkdown(results: readonly BenchmarkResult[]): string {
  const rows = results.flatMap((r) =>
    r.prompts.map((p) => {
      const s = summarizePrompt(p);
      const figure = (x: Summary, f: (n: number) => string) =>
        `${f(x.median)} (${f(x.min)}–${f(x.max)})`;
      return [
        r.modelId,
        s.label,
        String(s.promptTokens),
        String(s.completionTokens),
        figure(s.timeToFirstTokenS, ms),
        figure(s.prefillTokensPerS, formatNumber),
        figure(s.decodeTokensPerS, formatNumber),
        r.runsOn ?? 'WebLLM · WebGPU',
        r.device,
        r.browser,
        formatWhen(r.createdAt),
        `v${r.benchmarkVersion}`,
      ];
    }),
  );
  return [
    'Nook benchmark: median (min–max) of the measured runs, each after a warm-up run.',
    '',
    tableLine(HEADER),
    tableLine(HEADER.map(() => '---')),
    ...rows.map(tableLine),
    '',
  ].join('\n');
}

/** The results with their raw runs and, beside them, the summaries shown in the app. */
export function resultsToJson(results: readonly BenchmarkResult[]): string {
  const strip = ({ count: _count, ...rest }: Summary) => rest;
  return `${JSON.stringify(
    {
      results: results.map((r) => ({
        ...r,
        date: new Date(r.createdAt).toISOString(),
        prompts: r.prompts.map((p) => {
          const s = summarizePrompt(p);
          return {
            promptId: p.promptId,
            label: s.label,
            // Median, min and max over the measured runs.
            figures: {
              timeToFirstTokenS: strip(s.timeToFirstTokenS),
              prefillTokensPerS: strip(s.prefillTokensPerS),
              decodeTokensPerS: strip(s.decodeTokensPerS),
            },
            runs: p.runs,
          };
        }),
      })),
    },
    null,
    2,
  )}\n`;
}
