/**
 * The form that adds or edits a custom model: shows what to fix next to each field, checks the
 * model's mlc-chat-config.json before saving, and writes the result into the model store.
 */
import { modelFilesBase } from '../../../engine/webllm/modelUrls';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { flushSync } from 'react-dom';
import { useModelStore, type CustomModel } from '../../../store/modelStore';
import { ErrorNotice } from '../../../ui/ErrorNotice';
import { Field, type InputKind } from './Field';
import {
  fetchChatConfigHints,
  validateCustomModel,
  withConfigHints,
  type CustomModelInput,
} from './customModelForm';
import '../../../ui/forms.css';
import './customModelForm.css';

type FieldKey = keyof CustomModelInput;
type Errors = Partial<Record<FieldKey, string>>;
type DraftModel = Omit<CustomModel, 'addedAt'>;
type Phase =
  { kind: 'editing' } | { kind: 'checking' } | { kind: 'failed'; error: string; model: DraftModel };

/** In the order they appear, which is the order the first invalid one is looked for. */
const FIELD_ORDER: FieldKey[] = [
  'name',
  'modelUrl',
  'modelLibUrl',
  'vramMB',
  'contextWindow',
  'configIntegrity',
  'libIntegrity',
];
const OPTIONAL_FIELDS: FieldKey[] = ['vramMB', 'contextWindow', 'configIntegrity', 'libIntegrity'];

function initialValues(model: CustomModel | undefined): CustomModelInput {
  return {
    name: model?.name ?? '',
    modelUrl: model?.modelUrl ?? '',
    modelLibUrl: model?.modelLibUrl ?? '',
    vramMB: model?.vramMB?.toString() ?? '',
    contextWindow: model?.contextWindow?.toString() ?? '',
    configIntegrity: model?.integrity?.config ?? '',
    libIntegrity: model?.integrity?.model_lib ?? '',
  };
}

/** Where the typed address will be read from, once it is an address at all. */
function filesBasePreview(modelUrl: string): string | null {
  const value = modelUrl.trim();
  if (!/^https?:\/\/./i.test(value)) return null;
  try {
    return modelFilesBase(value);
  } catch {
    return null;
  }
}

export function CustomModelForm({
  editing,
  onDone,
}: {
  editing?: CustomModel;
  onDone: (model: CustomModel) => void;
}) {
  const idPrefix = useId();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState(() => initialValues(editing));
  const [errors, setErrors] = useState<Errors>({});
  const [phase, setPhase] = useState<Phase>({ kind: 'editing' });
  // Open from the start when an edited model already uses one of the optional settings.
  const [optionalOpen, setOptionalOpen] = useState(() =>
    OPTIONAL_FIELDS.some((key) => initialValues(editing)[key] !== ''),
  );
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);

  const focusField = (key: FieldKey) => {
    const element = formRef.current?.elements.namedItem(key);
    if (element instanceof HTMLElement) element.focus();
  };

  const change = (key: FieldKey, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest);
    // A failed check was about the values as they were; once they change it no longer applies.
    if (phase.kind === 'failed') setPhase({ kind: 'editing' });
  };

  const save = (model: DraftModel) => {
    const saved: CustomModel = { ...model, addedAt: editing?.addedAt ?? Date.now() };
    useModelStore.setState((s) => ({ customModels: { ...s.customModels, [saved.id]: saved } }));
    setPhase({ kind: 'editing' });
    onDone(saved);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (phase.kind === 'checking') return;
    const { customModels, ggufModels } = useModelStore.getState();
    const result = validateCustomModel(values, { ...customModels, ...ggufModels }, editing?.id);
    if (!result.ok) {
      const first = FIELD_ORDER.find((key) => result.errors[key]);
      // Rendered at once so the first invalid field exists, and is visible, when it is focused.
      flushSync(() => {
        setErrors(result.errors);
        if (OPTIONAL_FIELDS.some((key) => result.errors[key])) setOptionalOpen(true);
      });
      if (first) focusField(first);
      return;
    }

    setErrors({});
    setPhase({ kind: 'checking' });
    const controller = new AbortController();
    abortRef.current = controller;
    let outcome: Awaited<ReturnType<typeof fetchChatConfigHints>>;
    try {
      outcome = await fetchChatConfigHints(result.model.modelUrl, fetch, controller.signal);
    } catch {
      return; // Aborted because the form went away: nobody is waiting for the answer.
    }
    if (outcome.ok) save(withConfigHints(result.model, outcome.hints));
    else setPhase({ kind: 'failed', error: outcome.error, model: result.model });
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
  const filesBase = filesBasePreview(values.modelUrl);

  return (
    <form ref={formRef} className="settings-form custom-model-form" noValidate onSubmit={submit}>
      {field('name', 'Name', 'How the model is listed in Nook.', 'text')}
      {field(
        'modelUrl',
        'Model URL',
        <>
          The folder with mlc-chat-config.json, tensor-cache.json and the weight shards. They are
          read from <code>&lt;url&gt;/resolve/main/</code> unless the address already contains{' '}
          <code>/resolve/&lt;branch&gt;/</code>.
          {filesBase && (
            <>
              {' '}
              Files will be read from <code>{filesBase}</code>.
            </>
          )}
        </>,
        'url',
      )}
      {field(
        'modelLibUrl',
        'Model library URL',
        'The compiled model library: the .wasm file built for this model and this WebLLM version.',
        'url',
      )}

      <details open={optionalOpen} onToggle={(e) => setOptionalOpen(e.currentTarget.open)}>
        <summary>Optional</summary>
        {field(
          'vramMB',
          'VRAM needed (MB)',
          'Lets Nook warn when the model may not fit your GPU.',
          'decimal',
        )}
        {field(
          'contextWindow',
          'Context window (tokens)',
          'Leave empty to use context_window_size from mlc-chat-config.json.',
          'numeric',
        )}
        {field(
          'configIntegrity',
          'Config integrity (SRI)',
          'WebLLM refuses mlc-chat-config.json if it does not match this hash.',
          'code',
        )}
        {field(
          'libIntegrity',
          'Library integrity (SRI)',
          'WebLLM refuses the .wasm library if it does not match this hash.',
          'code',
        )}
      </details>

      {/* Always rendered: screen readers announce changes to a live region they already know. */}
      <p role="status" className="muted custom-model-status">
        {phase.kind === 'checking' ? 'Reading mlc-chat-config.json…' : ''}
      </p>

      {phase.kind === 'failed' ? (
        <ErrorNotice
          title={phase.error}
          nextStep="Check the model URL, or add the model anyway if its files will be there when you load it."
          actions={
            <>
              <button type="button" onClick={() => save(phase.model)}>
                Add anyway
              </button>
              <button
                type="button"
                onClick={() => {
                  flushSync(() => setPhase({ kind: 'editing' }));
                  focusField('modelUrl');
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
