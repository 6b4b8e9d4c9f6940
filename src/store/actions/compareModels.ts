/**
 * Compares models on this device: one prompt, answered by each model in turn, into one reply
 * message whose versions are the models' answers (as Regenerate keeps versions). Each model is
 * loaded only when its turn comes; WebLLM's MLCEngine.reload unloads the model before it, so two
 * never share GPU memory. Progress is in the compare store; the replies are in the chat.
 */
import { useChatStore } from '../chatStore';
import { loadedRunsOn } from '../catalog';
import { updateColumn, updateRun, useCompareStore, type ColumnLoad } from '../compareStore';
import { versionsOf } from '../messageVersions';
import { useRuntimeStore } from '../runtimeStore';
import { cancelLoad, ensureModelLoaded } from '../session/loadModel';
import { benchmarkBlocker } from './benchmark';
import { generateReply } from './generateReply';
import { addUserMessage, showReplyVersion } from './messageActions';
import { stopGeneration } from './stopGeneration';
import { newId } from '../../lib/ids';
import type { EngineError } from '../../engine/errors';

export const MAX_COMPARED = 3;

let stopRequested = false;

/** A comparison cannot start while one runs, nor while a reply, summary or benchmark does. */
function engineBusy(): boolean {
  return useCompareStore.getState().run?.finished === false || benchmarkBlocker() !== null;
}

function loadFailure(): EngineError {
  const { engine } = useRuntimeStore.getState();
  if (engine.status === 'error') return engine.error;
  return {
    code: 'unknown',
    detail:
      engine.status === 'elsewhere'
        ? 'Nook is running a model in another tab; take over there first.'
        : 'The model could not be loaded.',
  };
}

/** Loads the model for its turn; how long that took and from where, or null if it did not load. */
async function loadForTurn(modelId: string): Promise<ColumnLoad | null> {
  const { engine } = useRuntimeStore.getState();
  const wasLoaded = engine.status === 'ready' && engine.modelId === modelId;
  if (!wasLoaded && !(await ensureModelLoaded(modelId))) return null;
  const runsOn = loadedRunsOn() ?? '';
  const last = useRuntimeStore.getState().lastLoad;
  return !wasLoaded && last?.modelId === modelId
    ? { seconds: last.loadTimeS, source: last.source, runsOn }
    : { seconds: 0, source: 'loaded', runsOn };
}

export async function compareModels(prompt: string, modelIds: readonly string[]): Promise<void> {
  const content = prompt.trim();
  const models = modelIds.slice(0, MAX_COMPARED);
  if (!content || models.length === 0 || engineBusy()) return;
  stopRequested = false;
  const { conversationId, messageId: promptMessageId } = addUserMessage(content);
  const replyMessageId = newId();
  useCompareStore.setState({
    run: {
      conversationId,
      promptMessageId,
      replyMessageId,
      prompt: content,
      columns: models.map((modelId) => ({ modelId, state: 'waiting' })),
      finished: false,
    },
  });
  const reply = () =>
    useChatStore
      .getState()
      .conversations[conversationId]?.messages.find((m) => m.id === replyMessageId);
  try {
    for (const [index, modelId] of models.entries()) {
      if (stopRequested) {
        updateColumn(index, { state: 'skipped' });
        continue;
      }
      updateColumn(index, { state: 'loading' });
      const load = await loadForTurn(modelId);
      if (stopRequested) {
        updateColumn(index, { state: 'stopped' });
        continue;
      }
      if (!load) {
        // A model that cannot load says why in its column; the others still answer.
        updateColumn(index, { state: 'failed', error: loadFailure() });
        continue;
      }
      updateColumn(index, { state: 'answering', load });
      const target = reply()
        ? ({ kind: 'regenerate', messageId: replyMessageId } as const)
        : ({ kind: 'new', messageId: replyMessageId } as const);
      await generateReply(conversationId, target, modelId);
      const message = reply();
      if (!message) {
        updateColumn(index, { state: 'failed' });
        break; // the chat was deleted
      }
      const versionIndex = versionsOf(message).length - 1;
      if (message.status === 'stopped') stopRequested = true;
      updateColumn(index, {
        versionIndex,
        state:
          message.status === 'stopped' ? 'stopped' : message.status === 'error' ? 'failed' : 'done',
        ...(message.error && { error: message.error }),
      });
    }
  } finally {
    updateRun({ finished: true });
  }
}

/** Stops the model that is loading or answering; the models after it are skipped. */
export function stopCompare(): void {
  stopRequested = true;
  cancelLoad();
  stopGeneration();
}

/** Keeps a column's reply: the chat shows it, and its model becomes the one chats use. */
export function keepCompareReply(index: number): void {
  const run = useCompareStore.getState().run;
  const column = run?.columns[index];
  if (!run?.finished || column?.versionIndex === undefined) return;
  showReplyVersion(run.conversationId, run.replyMessageId, column.versionIndex);
  useChatStore.setState({ selectedModelId: column.modelId });
  updateRun({ kept: index });
}
