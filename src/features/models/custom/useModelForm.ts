/**
 * What both custom-model forms do around their own fields: validation messages next to each
 * field (focus on the first), a check of the model's files before saving (with "Add anyway" when
 * it fails), and a save that closes the form only once the model is stored on this device.
 */
import { useEffect, useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { flushSync } from 'react-dom';

export type FieldErrors<Input> = Partial<Record<keyof Input, string>>;

export type FormPhase<Draft> =
  | { kind: 'editing' | 'checking' | 'saving' }
  /** The check failed (`unchecked`), or the model could not be stored (`unsaved`). */
  | { kind: 'unchecked' | 'unsaved'; error: string; model: Draft };

export interface ModelFormOptions<Input, Draft, Saved> {
  /** The form element, to focus its fields by name. */
  formRef: RefObject<HTMLFormElement | null>;
  initial: Input;
  /** In the order they appear, which is the order the first invalid one is looked for. */
  fieldOrder: (keyof Input & string)[];
  validate(values: Input): { ok: true; model: Draft } | { ok: false; errors: FieldErrors<Input> };
  /** Reads the model's files; a sentence when they are not what the form says. */
  check(
    model: Draft,
    signal: AbortSignal,
  ): Promise<{ ok: true; model: Draft } | { ok: false; error: string }>;
  /** Stores the model; null when it could not be stored. */
  store(model: Draft): Promise<Saved | null>;
  onDone(saved: Saved): void;
  /** Called with the errors before the first invalid field is focused (to reveal it). */
  onInvalid?(errors: FieldErrors<Input>): void;
}

export function useModelForm<Input extends { [K in keyof Input]: string }, Draft, Saved>(
  options: ModelFormOptions<Input, Draft, Saved>,
) {
  const idPrefix = useId();
  const { formRef } = options;
  const [values, setValues] = useState(options.initial);
  const [errors, setErrors] = useState<FieldErrors<Input>>({});
  const [phase, setPhase] = useState<FormPhase<Draft>>({ kind: 'editing' });
  const abortRef = useRef<AbortController | null>(null);
  useEffect(() => () => abortRef.current?.abort(), []);
  const busy = phase.kind === 'checking' || phase.kind === 'saving';

  const focusField = (key: keyof Input & string) => {
    const element = formRef.current?.elements.namedItem(key);
    if (element instanceof HTMLElement) element.focus();
  };

  const change = (key: keyof Input, value: string) => {
    setValues((v) => ({ ...v, [key]: value }));
    setErrors(({ [key]: _fixed, ...rest }) => rest as FieldErrors<Input>);
    // A failed check was about the values as they were; once they change it no longer applies.
    if (phase.kind === 'unchecked' || phase.kind === 'unsaved') setPhase({ kind: 'editing' });
  };

  const save = async (model: Draft) => {
    setPhase({ kind: 'saving' });
    const saved = await options.store(model);
    if (!saved) {
      setPhase({
        kind: 'unsaved',
        error: 'Nook could not save this model on this device.',
        model,
      });
      return;
    }
    setPhase({ kind: 'editing' });
    options.onDone(saved);
  };

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (busy) return;
    const result = options.validate(values);
    if (!result.ok) {
      const first = options.fieldOrder.find((key) => result.errors[key]);
      // Rendered at once so the first invalid field exists, and is visible, when it is focused.
      flushSync(() => {
        setErrors(result.errors);
        options.onInvalid?.(result.errors);
      });
      if (first) focusField(first);
      return;
    }
    setErrors({});
    setPhase({ kind: 'checking' });
    const controller = new AbortController();
    abortRef.current = controller;
    let outcome: Awaited<ReturnType<typeof options.check>>;
    try {
      outcome = await options.check(result.model, controller.signal);
    } catch {
      return; // Aborted because the form went away: nobody is waiting for the answer.
    }
    if (outcome.ok) await save(outcome.model);
    else setPhase({ kind: 'unchecked', error: outcome.error, model: result.model });
  };

  /** What a Field needs to show and change one of the form's values. */
  const fieldProps = (key: keyof Input & string) => ({
    id: `${idPrefix}-${key}`,
    name: key,
    value: values[key],
    error: errors[key],
    onChange: (value: string) => change(key, value),
  });

  const backToEditing = (key: keyof Input & string) => {
    flushSync(() => setPhase({ kind: 'editing' }));
    focusField(key);
  };

  return { values, phase, fieldProps, submit, save, backToEditing };
}
