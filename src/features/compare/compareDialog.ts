/**
 * Whether the Compare dialog is open, and what it opens with: a tiny store, so the composer and
 * the model manager can open it with their own prompt or models.
 */
import { create } from 'zustand';

export interface CompareRequest {
  /** The prompt to start from: the composer's text, when opened from a chat. */
  prompt: string;
  /** Models to start with checked (the manager's picks); otherwise Nook suggests some. */
  modelIds?: readonly string[];
  /** Called once the comparison starts with the prompt, so the composer can empty itself. */
  onStarted?: () => void;
}

interface CompareDialogState {
  open: boolean;
  request: CompareRequest;
  /** Show the setup, not the last comparison's results (a comparison that runs is always shown). */
  setup: boolean;
  /** Counts the times it was opened afresh, so the setup starts from each new request. */
  opened: number;
}

export const useCompareDialog = create<CompareDialogState>(() => ({
  open: false,
  request: { prompt: '' },
  setup: true,
  opened: 0,
}));

export function openCompare(request: CompareRequest = { prompt: '' }): void {
  useCompareDialog.setState((s) => ({ open: true, request, setup: true, opened: s.opened + 1 }));
}

/** After Compare, or when a comparison is reopened: its results. */
export function showCompareResults(): void {
  useCompareDialog.setState({ setup: false });
}

export function showCompareSetup(): void {
  useCompareDialog.setState((s) => ({ setup: true, opened: s.opened + 1 }));
}

export function closeCompare(): void {
  useCompareDialog.setState({ open: false });
}
