import { useEffect, useState } from 'react';
import { finishErase, leaveErasedPage } from '../../store/actions/eraseAllData';
import './privacy.css';

type State = { kind: 'erasing' | 'blocked' | 'done' } | { kind: 'failed'; detail: string };

/**
 * Shown after "Erase all data" reloads the page: a page that writes nothing, finishes the erase
 * (deleting anything a connection held back the first time) and says when it is done. Nook
 * starts afresh only when asked, so an empty new chat does not re-create storage at once.
 */
export function ErasedScreen() {
  const [state, setState] = useState<State>({ kind: 'erasing' });
  useEffect(() => {
    let live = true;
    const set = (next: State) => live && setState(next);
    finishErase({ onBlocked: () => set({ kind: 'blocked' }) }).then(
      () => set({ kind: 'done' }),
      (error: unknown) => set({ kind: 'failed', detail: String(error) }),
    );
    return () => {
      live = false;
    };
  }, []);

  return (
    <main className="blocking-screen erased-screen" aria-labelledby="erased-title">
      <h1 id="erased-title">Erase all data</h1>
      <p role="status">
        {state.kind === 'erasing' && 'Erasing…'}
        {state.kind === 'blocked' &&
          'Another Nook tab is still using its data: close it to finish erasing.'}
        {state.kind === 'done' &&
          'Everything Nook kept on this device is erased: chats, documents, settings, custom models, downloaded models and the offline copy.'}
        {state.kind === 'failed' && 'Some data could not be erased.'}
      </p>
      {state.kind === 'failed' && (
        <details>
          <summary>Details</summary>
          <code>{state.detail}</code>
        </details>
      )}
      <button type="button" disabled={state.kind !== 'done'} onClick={leaveErasedPage}>
        Start again
      </button>
    </main>
  );
}
