import type { ReactNode } from 'react';
import './errorNotice.css';

export interface ErrorNoticeProps {
  title: string;
  nextStep: string;
  detail?: string;
  actions?: ReactNode;
}

/** An error a person can act on: what happened, what to do, the technical detail tucked away. */
export function ErrorNotice({ title, nextStep, detail, actions }: ErrorNoticeProps) {
  return (
    <div className="error-notice" role="alert">
      <p className="error-title">{title}</p>
      <p>{nextStep}</p>
      {detail && (
        <details>
          <summary>Details</summary>
          <code>{detail}</code>
        </details>
      )}
      {actions && <div className="actions">{actions}</div>}
    </div>
  );
}
