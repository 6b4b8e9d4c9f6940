// A fenced code block: the highlighted code, its language, and a copy-to-clipboard button.
import { useEffect, useState, type ReactNode } from 'react';

export interface CodeBlockProps {
  /** The fence's language tag, when it has one. */
  language?: string;
  /** The code as plain text: what the copy button puts on the clipboard. */
  code: string;
  /** The rendered (highlighted) `<code>` element. */
  children: ReactNode;
}

type CopyStatus = 'idle' | 'copied' | 'failed';

const STATUS_LABEL: Record<CopyStatus, string> = {
  idle: 'Copy code',
  copied: 'Copied',
  failed: 'Copy failed',
};
const STATUS_RESET_MS = 1500;

export function CodeBlock({ language, code, children }: CodeBlockProps) {
  const [status, setStatus] = useState<CopyStatus>('idle');

  useEffect(() => {
    if (status === 'idle') return;
    const timer = setTimeout(() => setStatus('idle'), STATUS_RESET_MS);
    return () => clearTimeout(timer);
  }, [status]);

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(code);
      setStatus('copied');
    } catch {
      // The clipboard is missing outside secure contexts, or the browser refused the write.
      setStatus('failed');
    }
  };

  return (
    <div className="code-block">
      <div className="code-block-header">
        <span className="code-block-language">{language}</span>
        <button type="button" className="code-block-copy" onClick={() => void copy()}>
          {STATUS_LABEL[status]}
        </button>
      </div>
      <pre>{children}</pre>
    </div>
  );
}
