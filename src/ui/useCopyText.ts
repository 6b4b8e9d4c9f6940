import { useState } from 'react';

/** Copies text to the clipboard and says how it went, for a status line beside the button. */
export function useCopyText(): { note: string; copy: (as: string, text: string) => Promise<void> } {
  const [note, setNote] = useState('');
  const copy = async (as: string, text: string) => {
    try {
      await navigator.clipboard.writeText(text);
      setNote(`Copied as ${as}.`);
    } catch (err) {
      setNote(`Could not copy: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return { note, copy };
}
