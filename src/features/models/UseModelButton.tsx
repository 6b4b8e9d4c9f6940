import { Check, Download } from 'lucide-react';
import type { CatalogEntry } from '../../models/catalog';
import type { CacheInfo } from '../../engine/protocol';
import { switchToModel } from '../../store/session/modelSession';
import { useRuntimeStore } from '../../store/runtimeStore';

export const OFFLINE_TEXT = 'You are offline: connect to download it.';

/**
 * Offline, anything not fully on this device has to be downloaded first, which cannot happen. A
 * model copied from this computer (no download address) is never downloaded: the network is no
 * help to it.
 */
export function useNeedsNetwork(
  entry: CatalogEntry,
  state: CacheInfo['state'],
  loaded: boolean,
): boolean {
  const online = useRuntimeStore((s) => s.online);
  return !online && state !== 'complete' && !loaded && entry.downloadUrl !== null;
}

export interface UseModelButtonProps {
  entry: CatalogEntry;
  state: CacheInfo['state'];
  loaded: boolean;
  /** Why it cannot be used now is said next to it (unfit, busy, offline). */
  disabled: boolean;
  /** The main action of its card. */
  primary?: boolean;
}

/** Makes the model the one chats use, downloading it first if need be. */
export function UseModelButton({ entry, state, loaded, disabled, primary }: UseModelButtonProps) {
  // A model copied from this computer is loaded from its copy or not at all, never downloaded.
  const nothingToDownload = state === 'complete' || entry.downloadUrl === null;
  return (
    <button
      type="button"
      className={['use-model', primary && 'primary', loaded && 'in-use'].filter(Boolean).join(' ')}
      disabled={disabled || loaded}
      onClick={() => void switchToModel(entry.id)}
    >
      {primary && !loaded && !nothingToDownload && <Download aria-hidden size={16} />}
      {primary && loaded && <Check aria-hidden size={16} />}
      {loaded ? 'In use' : nothingToDownload ? 'Use' : 'Download and use'}
    </button>
  );
}
