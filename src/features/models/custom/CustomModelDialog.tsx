/**
 * Entry points to custom models for the model settings: the "Add custom model" and "Edit" buttons
 * with their dialogs. A model is either a GGUF file (run by llama.cpp) or an MLC build (run by
 * WebLLM); adding one starts by saying which.
 */
import { lazy, Suspense, useState } from 'react';
import type { CustomModel, GgufCustomModel } from '../../../store/modelStore';
import { Dialog } from '../../../ui/Dialog';
import { RadioGroup } from '../../../ui/RadioGroup';
import './customModelForm.css';

// The forms load when a dialog first opens: "Add custom model" is on the first screen of a device
// without WebGPU, and their code (checks, folder reading) is not needed to show it.
const CustomModelForm = lazy(() =>
  import('./CustomModelForm').then((m) => ({ default: m.CustomModelForm })),
);
const GgufModelForm = lazy(() =>
  import('./GgufModelForm').then((m) => ({ default: m.GgufModelForm })),
);

type Kind = 'gguf' | 'mlc';

const KINDS: { kind: Kind; label: string; hint: string }[] = [
  {
    kind: 'gguf',
    label: 'GGUF file (llama.cpp)',
    hint: 'One .gguf file, as Hugging Face’s GGUF repositories offer. Runs on the GPU or the processor.',
  },
  {
    kind: 'mlc',
    label: 'MLC build (WebLLM)',
    hint: 'A folder of weight shards and a compiled .wasm library. Runs on the GPU (WebGPU).',
  },
];

function KindChoice({ kind, onChange }: { kind: Kind; onChange: (kind: Kind) => void }) {
  return (
    <RadioGroup
      className="model-kind-choice"
      legend="What kind of model is it?"
      options={KINDS.map((option) => ({
        value: option.kind,
        label: (
          <span>
            <strong>{option.label}</strong>
            <small className="muted">{option.hint}</small>
          </span>
        ),
      }))}
      value={kind}
      onChange={onChange}
    />
  );
}

export function AddCustomModelButton() {
  const [open, setOpen] = useState(false);
  const [kind, setKind] = useState<Kind>('gguf');
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Add custom model
      </button>
      <Dialog title="Add custom model" open={open} onClose={() => setOpen(false)}>
        <KindChoice kind={kind} onChange={setKind} />
        <Suspense fallback={null}>
          {kind === 'gguf' ? (
            <GgufModelForm onDone={() => setOpen(false)} />
          ) : (
            <CustomModelForm onDone={() => setOpen(false)} />
          )}
        </Suspense>
      </Dialog>
    </>
  );
}

/** Its name is just "Edit": place it where the model it belongs to is clear (a list row). */
export function EditCustomModelButton({ model }: { model: CustomModel | GgufCustomModel }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Edit
      </button>
      <Dialog title="Edit custom model" open={open} onClose={() => setOpen(false)}>
        <Suspense fallback={null}>
          {'modelLibUrl' in model ? (
            <CustomModelForm editing={model} onDone={() => setOpen(false)} />
          ) : (
            <GgufModelForm editing={model} onDone={() => setOpen(false)} />
          )}
        </Suspense>
      </Dialog>
    </>
  );
}
