import { useEffect } from 'react';
import { describeError } from '../../ui/errorMessages';
import { downloadSearchModel, searchModel } from '../../store/session/searchModel';
import { useRuntimeStore } from '../../store/runtimeStore';

/** How questions find passages, and the offer to add matching by meaning. */
export function SearchModelNote() {
  const state = useRuntimeStore((s) => s.searchModel);
  useEffect(() => {
    if (state.status === 'unknown') void searchModel();
  }, [state.status]);

  switch (state.status) {
    case 'unknown':
      return null;
    case 'absent':
      return (
        <p className="muted">
          Questions find passages by their words. To match by meaning as well, download a small
          search model once (about 240 MB, kept on this device).{' '}
          <button type="button" onClick={() => void downloadSearchModel()}>
            Download search model
          </button>
        </p>
      );
    case 'downloading':
      return (
        <p className="muted" role="status">
          Downloading the search model ({state.modelId})…
        </p>
      );
    case 'ready':
      return (
        <p className="muted">
          Questions find passages by their words and by meaning ({state.modelId}).
        </p>
      );
    case 'error':
      return (
        <p className="message-note error" role="alert">
          Search by meaning is off: the search model failed ({describeError(state.error).title}).
          Questions find passages by their words.{' '}
          <button type="button" onClick={() => void downloadSearchModel()}>
            Retry
          </button>
        </p>
      );
  }
}
