import type { ReactNode } from 'react';
import { runsOn } from '../../models/catalog';
import type { EngineKind } from '../../models/engineModel';
import { useCatalog } from '../../store/catalog';
import { useRuntimeStore, type EngineStatus, type SessionReply } from '../../store/runtimeStore';
import { engineModelId } from '../../store/selectors';
import { formatRate, formatSeconds } from '../../lib/format';
import { describeDevice } from '../benchmark/environment';
import { mean } from '../../lib/statistics';
import './stats.css';

function describeEngine(engine: EngineStatus, entryEngine: EngineKind | undefined): string {
  switch (engine.status) {
    case 'idle':
      return 'None loaded';
    case 'loading':
      return `Loading ${engine.modelId}…`;
    case 'ready':
      return `${engine.modelId} · ${runsOn(entryEngine, engine.device)}`;
    case 'error':
      return `${engine.modelId} (failed to load)`;
    case 'elsewhere':
      return 'Running in another tab';
  }
}

const rate = (value: number | null) => (value === null ? '–' : formatRate(value, 'tokens/s'));
const seconds = (value: number | null) => (value === null ? '–' : formatSeconds(value));

interface Row {
  label: string;
  last: string;
  average: string;
}

/** The engine's figures of the last reply, and their mean over this session's replies with its model. */
function replyRows(last: SessionReply, same: readonly SessionReply[]): Row[] {
  const avg = (pick: (r: SessionReply) => number | null) =>
    mean(same.map(pick).filter((v): v is number => v !== null));
  return [
    {
      label: 'Time to first token',
      last: seconds(last.timeToFirstTokenS),
      average: seconds(avg((r) => r.timeToFirstTokenS)),
    },
    {
      label: 'Prefill',
      last: rate(last.prefillTokensPerS),
      average: rate(avg((r) => r.prefillTokensPerS)),
    },
    {
      label: 'Decode',
      last: rate(last.decodeTokensPerS),
      average: rate(avg((r) => r.decodeTokensPerS)),
    },
    {
      label: 'Arriving in this tab',
      last: rate(last.receivedTokensPerS),
      average: rate(avg((r) => r.receivedTokensPerS)),
    },
  ];
}

function ReplyFigures() {
  const replies = useRuntimeStore((s) => s.sessionReplies);
  const last = replies.at(-1);
  if (!last) return <p className="muted">No replies yet in this session.</p>;
  const same = replies.filter((r) => r.modelId === last.modelId);
  return (
    <>
      <table className="stats-table">
        <caption>Replies, as the engine measured them</caption>
        <thead>
          <tr>
            <td />
            <th scope="col">Last reply</th>
            <th scope="col">Session average</th>
          </tr>
        </thead>
        <tbody>
          {replyRows(last, same).map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              <td>{row.last}</td>
              <td>{row.average}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted stats-note">
        Last reply: {last.promptTokens} prompt tokens, {last.completionTokens} reply tokens.
        Averages over the {same.length} {same.length === 1 ? 'reply' : 'replies'} with{' '}
        {last.modelId} since this tab opened.
      </p>
    </>
  );
}

/** Re-renders every frame while a reply streams, so it stays apart from the rest of the panel. */
function LiveRate() {
  const live = useRuntimeStore((s) => s.liveRate?.tokensPerS ?? null);
  if (live === null) return null;
  return (
    <p className="stats-live">
      Streaming now: <strong>{formatRate(live, 'tokens/s')}</strong> arriving
    </p>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <tr>
      <th scope="row">{term}</th>
      <td>{children}</td>
    </tr>
  );
}

/**
 * What the engine is doing and how fast, from its own reports and the wall clock: the loaded
 * model, the GPU, how the model was loaded, the network, and the speed of this session's replies.
 */
export function StatsPanel() {
  const engine = useRuntimeStore((s) => s.engine);
  const gpu = useRuntimeStore((s) => s.gpu);
  const lastLoad = useRuntimeStore((s) => s.lastLoad);
  const online = useRuntimeStore((s) => s.online);
  const catalog = useCatalog();
  const entryEngine = catalog.find((e) => e.id === engineModelId(engine))?.engine;
  const load =
    engine.status === 'ready' && lastLoad?.modelId === engine.modelId
      ? `${formatSeconds(lastLoad.loadTimeS)}, from the ${lastLoad.source}`
      : '–';
  return (
    <aside className="stats-panel" aria-label="Stats">
      <h2>Stats</h2>
      <table className="stats-facts">
        <tbody>
          <Fact term="Model">{describeEngine(engine, entryEngine)}</Fact>
          <Fact term="GPU">{describeDevice(gpu)}</Fact>
          <Fact term="Load">{load}</Fact>
          <Fact term="Network">{online ? 'Online' : 'Offline'}</Fact>
        </tbody>
      </table>
      <LiveRate />
      <ReplyFigures />
    </aside>
  );
}
