import { useEffect, useRef } from 'react';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import type { FormPhase } from './useModelForm';

/**
 * The end of a custom-model form: what it is doing (checking the files, saving), what went
 * wrong with a way on ("Add anyway", "Try again", "Cancel"), or its submit button.
 */
export function ModelFormFooter<Draft>({
  phase,
  checking,
  uncheckedNextStep,
  submitLabel,
  canAddAnyway = true,
  onSave,
  onCancel,
}: {
  phase: FormPhase<Draft>;
  /** What the status says while the files are read. */
  checking: string;
  uncheckedNextStep: string;
  submitLabel: string;
  /** Whether a model whose check failed may be added all the same (a file still to come). */
  canAddAnyway?: boolean;
  onSave: (model: Draft) => void;
  onCancel: () => void;
}) {
  const status =
    phase.kind === 'checking' ? checking : phase.kind === 'saving' ? 'Saving the model…' : '';
  const failed = phase.kind === 'unchecked' || phase.kind === 'unsaved';
  const notice = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!failed) return;
    // At the foot of a dialog that scrolls (a phone's, always), the notice is often out of sight.
    notice.current?.scrollIntoView({ block: 'nearest' });
  }, [failed]);
  return (
    <>
      {/* Always rendered: screen readers announce changes to a live region they already know. */}
      <p role="status" className="muted custom-model-status">
        {status}
      </p>
      {phase.kind === 'unchecked' || phase.kind === 'unsaved' ? (
        <div ref={notice}>
          <ErrorNotice
            title={phase.error}
            nextStep={
              phase.kind === 'unchecked'
                ? uncheckedNextStep
                : 'Free some disk space (or leave private browsing), then try again.'
            }
            actions={
              <>
                {(phase.kind === 'unsaved' || canAddAnyway) && (
                  <button type="button" onClick={() => onSave(phase.model)}>
                    {phase.kind === 'unchecked' ? 'Add anyway' : 'Try again'}
                  </button>
                )}
                <button type="button" onClick={onCancel}>
                  Cancel
                </button>
              </>
            }
          />
        </div>
      ) : (
        <div className="actions">
          {/* aria-disabled rather than disabled: a disabled button would drop keyboard focus. */}
          <button
            type="submit"
            aria-disabled={phase.kind === 'checking' || phase.kind === 'saving' || undefined}
          >
            {submitLabel}
          </button>
        </div>
      )}
    </>
  );
}
