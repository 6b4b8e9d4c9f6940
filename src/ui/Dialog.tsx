import { useEffect, useId, useRef, type ReactNode } from 'react';
import { X } from 'lucide-react';
import { IconButton } from './IconButton';
import './dialog.css';

export interface DialogProps {
  title: string;
  open: boolean;
  onClose: () => void;
  children: ReactNode;
}

/** A modal dialog on the native <dialog> element: focus trapping and Esc come with it. */
export function Dialog({ title, open, onClose, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={titleId}
      // A nested dialog's close event reaches this handler through React's tree; ignore it.
      onClose={(event) => event.target === event.currentTarget && onClose()}
    >
      {/* Not a <header>: inside a dialog it would read as the page's banner. */}
      <div className="dialog-header">
        <h2 id={titleId}>{title}</h2>
        <IconButton label="Close" icon={<X />} onClick={onClose} />
      </div>
      {open && children}
    </dialog>
  );
}
