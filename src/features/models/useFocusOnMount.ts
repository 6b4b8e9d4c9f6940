import { useEffect, useRef } from 'react';

/**
 * Focuses the element once it is shown, when `enabled`: after switching views in a dialog, so
 * keyboard and screen-reader users land on the new view instead of on nothing.
 */
export function useFocusOnMount<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
