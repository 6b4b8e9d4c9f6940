/**
 * Whether the Models dialog is open: a tiny store, so other views (the first-download note) can
 * open it without holding the header's button.
 */
import { create } from 'zustand';

const useDialogState = create<{ open: boolean }>(() => ({ open: false }));

export function openModelManager(): void {
  useDialogState.setState({ open: true });
}

export function closeModelManager(): void {
  useDialogState.setState({ open: false });
}

export function useModelManagerOpen(): boolean {
  return useDialogState((s) => s.open);
}
