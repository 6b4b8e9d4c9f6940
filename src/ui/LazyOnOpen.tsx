import { Suspense, useState, type ReactNode } from 'react';

/**
 * Renders a lazily loaded dialog or panel from its first opening on, so its code is not part of
 * the first paint. It stays mounted afterwards, so a dialog closes (and hands focus back) like any
 * other instead of vanishing from the page.
 */
export function LazyOnOpen({ open, children }: { open: boolean; children: ReactNode }) {
  const [opened, setOpened] = useState(open);
  if (open && !opened) setOpened(true);
  return opened ? <Suspense fallback={null}>{children}</Suspense> : null;
}
