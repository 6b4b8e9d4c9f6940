/**
 * The form that adds or edits a GGUF model for llama.cpp: shows what to fix next to each field,
 * checks that the address gives a GGUF file before saving, and writes the result into the model
 * store.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useModelStore, type GgufCustomModel } from '../../../store/modelStore';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field, type InputKind } from './Field';
import { checkGgufFile, validateGgufModel, type GgufModelInput } from './ggufModelForm';
import '../../../ui/forms.css';
import './customModelForm.css';

type FieldKey = keyof GgufModelInput;
type DraftModel = Omit<GgufCustomModel, 'addedAt'>;
type Phase =
  { kind: 'editing' } | { kind: 'checking' } | { kind: 'failed'; error: string; model: DraftModel };

/** In the order they appear, which is the order the first invalid one is looked for. */
const FIELD_ORDER: FieldKey[] = ['name', 'url', 'contextWindow'];

function initialValues(model: GgufCustomModel | undefined): GgufModelInput {
  return {
    name: model?.name ?? '',
    url: model?.url ?? '',
    contextWindow: model?.contextWindow?.toString() ?? '',
  };
}

export function GgufModelForm({
  editing,
  onDone,
}: {
  editing?: GgufCustomModel;
  onDone: (model: GgufCustomModel) => void;
}) {
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(() => initialValues(editing));
  const [errors, setErrors] = useState<Partial<Record<FieldKey, string>>>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const focusField = (key: FieldKey) => {
    const element = formRef.current?.elements.namedItem(key);
    if (element instanceof HTMLElement) element.focus();
  };

  const change = (key: FieldKey, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
    if (phase.kind === 'failed') setPhase({ kind: 'editing' });
  };

  const save = (model: DraftModel) => {
    const saved: GgufCustomModel = { ...model, addedAt: editing?.addedAt ?? Date.now() };
    useModelStore.setState((s) => ({ ggufModels: { ...s.ggufModels, [saved.id]: saved } }));
    setPhase({ kind: 'editing' });
    onDone(saved);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (phase.kind === 'checking') return;
    const { customModels, ggufModels } = useModelStore.getState();
    const result = validateGgufModel(values, { ...customModels, ...ggufModels }, editing?.id);
    if (!result.ok) {
      const first = FIELD_ORDER.find((key) => result.errors[key]);
      flushSync(() => setErrors(result.errors));
      if (first) focusField(first);
      return;
    }
    setErrors({});
    setPhase({ kind: 'checking' });
    const controller = new AbortController();
    abortRef.current = controller;
    let outcome: Awaited<ReturnType<typeof checkGgufFile>>;
    try {
      outcome = await checkGgufFile(result.model.url ?? '', fetch, controller.signal);
    } catch {
      return; // Aborted because the form went away: nobody is waiting for the answer.
    }
    if (outcome.ok) {
      save({ ...result.model, ...(outcome.bytes !== undefined && { bytes: outcome.bytes }) });
    } else setPhase({ kind: 'failed', error: outcome.error, model: result.model });
  };

  const field = (key: FieldKey, label: string, hint: ReactNode, input: InputKind) => (
    <Field
      id={`${idPrefix}-${key}`}
      name={key}
      label={label}
      value={values[key]}
      error={errors[key]}
      hint={hint}
      input={input}
      onChange={(value) => change(key, value)}
    />
  );

  return (
    <form ref={formRef} className="settings-form custom-model-form" noValidate onSubmit={submit}>
      {field('name', 'Name', 'How the model is listed in Nook.', 'text')}
      {field(
        'url',
        'GGUF file URL',
        <>
          The address of one .gguf file, such as a file of a Hugging Face GGUF repository (its
          page’s address works too). It downloads once, on first use, and stays on this device.
        </>,
        'url',
      )}
      {field(
        'contextWindow',
        'Context window (tokens)',
        'Optional. How much the model reads at once; at most what it was trained for. Empty: 4,096.',
        'numeric',
      )}

      {/* Always rendered: screen readers announce changes to a live region they already know. */}
      <p role="status" className="muted custom-model-status">
        {phase.kind === 'checking' ? 'Checking the file…' : ''}
      </p>

      {phase.kind === 'failed' ? (
        <ErrorNotice
          title={phase.error}
          nextStep="Check the address, or add the model anyway if the file will be there when you load it."
          actions={
            <>
              <button type="button" onClick={() => save(phase.model)}>
                Add anyway
              </button>
              <button
                type="button"
                onClick={() => {
                  flushSync(() => setPhase({ kind: 'editing' }));
                  focusField('url');
                }}
              >
                Cancel
              </button>
            </>
          }
        />
      ) : (
        <div className="actions">
          {/* aria-disabled rather than disabled: a disabled button would drop keyboard focus. */}
          <button type="submit" aria-disabled={phase.kind === 'checking' || undefined}>
            {editing ? 'Save changes' : 'Add model'}
          </button>
        </div>
      )}
    </form>
  );
}
