/**
 * A comparison's figures in words, for its columns and for the Markdown people copy to share.
 * Pure: the view gathers each column's reply and names.
 */
import { formatCount, formatRate, formatSeconds } from '../../lib/format';
import type { ColumnLoad, ColumnState } from '../../store/compareStore';
import type { EngineError } from '../../engine/errors';
import type { ReplyStats } from '../../store/schema';
import { formatWhen, tableLine } from '../benchmark/format';

export interface ReportColumn {
  name: string;
  modelId: string;
  state: ColumnState;
  text: string;
  stats?: ReplyStats;
  load?: ColumnLoad;
  error?: EngineError;
}

export interface Figure {
  label: string;
  value: string;
}

export function describeLoad(load: ColumnLoad): string {
  if (load.source === 'loaded') return 'already loaded';
  const where = load.source === 'cache' ? 'from this device' : 'downloaded';
  return `${formatSeconds(load.seconds)}, ${where}`;
}

/** Load time, time to first token, decode speed and tokens written: what each column shows. */
export function columnFigures(column: ReportColumn): Figure[] {
  const { load, stats } = column;
  return [
    ...(load?.runsOn ? [{ label: 'Runs on', value: load.runsOn }] : []),
    ...(load ? [{ label: 'Load', value: describeLoad(load) }] : []),
    ...(stats
      ? [
          { label: 'First token', value: formatSeconds(stats.timeToFirstTokenS) },
          { label: 'Speed', value: formatRate(stats.decodeTokensPerS, 'tokens/s') },
          { label: 'Tokens written', value: formatCount(stats.completionTokens) },
        ]
      : []),
  ];
}

const OUTCOME: Record<ColumnState, string> = {
  waiting: 'not run',
  loading: 'not run',
  answering: 'not finished',
  done: 'answered',
  stopped: 'stopped',
  failed: 'failed',
  skipped: 'skipped',
};

function outcome(column: ReportColumn): string {
  const failed = column.state === 'failed' && column.error;
  return failed ? `failed: ${column.error?.detail}` : OUTCOME[column.state];
}

/** The prompt, a table of every figure, each reply, and the device and browser it ran on. */
export function compareToMarkdown(
  prompt: string,
  columns: readonly ReportColumn[],
  where: { device: string; browser: string; at: number },
): string {
  const header = ['Model', 'Build', 'Outcome', 'Load', 'First token', 'Speed', 'Tokens written'];
  const rows = columns.map((c) => {
    const figure = (label: string) => columnFigures(c).find((f) => f.label === label)?.value ?? '–';
    return [
      c.name,
      c.modelId,
      outcome(c),
      figure('Load'),
      figure('First token'),
      figure('Speed'),
      figure('Tokens written'),
    ];
  });
  const replies = columns.flatMap((c) => (c.text ? [`## ${c.name}`, '', c.text.trim(), ''] : []));
  return [
    '# Nook: models compared on this device',
    '',
    `**Prompt:** ${prompt}`,
    '',
    tableLine(header),
    tableLine(header.map(() => '---')),
    ...rows.map(tableLine),
    '',
    ...replies,
    `Device: ${where.device} · Browser: ${where.browser} · ${formatWhen(where.at)}`,
    '',
  ].join('\n');
}
