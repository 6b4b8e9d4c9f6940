import { useEffect, useState } from 'react';
import { useRuntimeStore } from '../store/runtimeStore';

/** A write slower than this is worth mentioning; most take a few milliseconds. */
const SHOW_AFTER_MS = 500;

/**
 * "Saving…" in the header while something the user did is still on its way to disk (a busy or
 * slow disk), so nobody closes the tab thinking it is stored. Quiet for the usual quick writes, so
 * screen readers are not told of every one.
 */
export function SavingNote() {
  const saving = useRuntimeStore((s) => s.saving);
  const [slow, setSlow] = useState(false);
  useEffect(() => {
    if (!saving) return;
    const timer = setTimeout(() => setSlow(true), SHOW_AFTER_MS);
    return () => {
      clearTimeout(timer);
      setSlow(false);
    };
  }, [saving]);
  return (
    <span role="status" className="saving-note">
      {saving && slow ? 'Saving…' : ''}
    </span>
  );
}
