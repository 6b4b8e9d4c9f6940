/**
 * Entry points to custom models for the model settings: the "Add custom model" and "Edit" buttons
 * with their dialogs. A model is either a GGUF file (run by llama.cpp) or an MLC build (run by
 * WebLLM); adding one starts by saying which.
 */
import { useState } from 'react';
import type { CustomModel, GgufCustomModel } from '../../../store/modelStore';
import { Dialog } from '../../../ui/Dialog';
import { RadioGroup } from '../../../ui/RadioGroup';
import { CustomModelForm } from './CustomModelForm';
import { GgufModelForm } from './GgufModelForm';
import './customModelForm.css';

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
        {kind === 'gguf' ? (
          <GgufModelForm onDone={() => setOpen(false)} />
        ) : (
          <CustomModelForm onDone={() => setOpen(false)} />
        )}
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
        {'modelLibUrl' in model ? (
          <CustomModelForm editing={model} onDone={() => setOpen(false)} />
        ) : (
          <GgufModelForm editing={model} onDone={() => setOpen(false)} />
        )}
      </Dialog>
    </>
  );
}
