// A link in untrusted text: a reply, and the document text or imported chat it can repeat. A
// model can be steered (by a document written for it) into a link whose address carries what the
// user asked about, so the link opens nothing by itself: it asks first (LinkDialog). The element
// carries no address, so no click, middle-click, context menu or drag can open it unasked.
import { useRef, useState, type ReactNode } from 'react';
import { createPortal, flushSync } from 'react-dom';
import { LinkDialog, type LinkKind } from './LinkDialog';
import './externalLink.css';

export interface ExternalLinkProps {
  /** An address the link policy allowed (safeUrl.ts). */
  href: string;
  kind: LinkKind;
  children: ReactNode;
}

export function ExternalLink({ href, kind, children }: ExternalLinkProps) {
  const [asking, setAsking] = useState(false);
  const link = useRef<HTMLAnchorElement>(null);
  const close = () => {
    // The link can take focus back only once the modal dialog, which makes it inert, is gone.
    flushSync(() => setAsking(false));
    link.current?.focus();
  };
  return (
    <>
      <a
        ref={link}
        // Without an href an <a> is not a link to assistive technology or the keyboard: both are
        // given back here, with Enter, as links answer it.
        role="link"
        tabIndex={0}
        aria-haspopup="dialog"
        className="external-link"
        onClick={() => setAsking(true)}
        onKeyDown={(event) => {
          if (event.key !== 'Enter') return;
          event.preventDefault();
          setAsking(true);
        }}
      >
        {children}
      </a>
      {/* In <body>: a dialog is no phrasing content, and the reply's styles are not its own. */}
      {asking &&
        createPortal(<LinkDialog href={href} kind={kind} onClose={close} />, document.body)}
    </>
  );
}
