/**
 * The form that adds or edits a GGUF model for llama.cpp, from an address or from a file on this
 * computer: shows what to fix next to each field, checks the file before saving (its first bytes
 * at the address; a chosen file is checked whole and copied into Nook's model store), and closes
 * once the model is stored.
 */
import { useRef, useState } from 'react';
import { describeError } from '../../../ui/errorMessages';
import { saveAddedModel, storeModelFile } from '../../../store/actions/customModels';
import { useModelStore, type GgufCustomModel } from '../../../store/modelStore';
import { SourceChoice } from './SourceChoice';
import { Field } from './Field';
import { checkGgufFile, validateGgufModel, type GgufModelInput } from './ggufModelForm';
import { ModelFormFooter } from './ModelFormFooter';
import { useModelForm } from './useModelForm';
import '../../../ui/forms.css';
import './customModelForm.css';

type DraftModel = Omit<GgufCustomModel, 'addedAt'>;

function initialValues(model: GgufCustomModel | undefined): GgufModelInput {
  return {
    name: model?.name ?? '',
    source: model && !model.url ? 'file' : 'url',
    url: model?.url ?? '',
    file: model?.fileName ?? '',
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
  const formRef = useRef<HTMLFormElement>(null);
  const [chosenFile, setChosenFile] = useState<File | null>(null);
  const form = useModelForm<GgufModelInput, DraftModel, GgufCustomModel>({
    formRef,
    initial: initialValues(editing),
    fieldOrder: ['name', 'url', 'file', 'contextWindow'],
    validate: (values) => {
      const { customModels, ggufModels } = useModelStore.getState();
      return validateGgufModel(values, { ...customModels, ...ggufModels }, editing?.id);
    },
    check: async (model, signal) => {
      if (!model.url) {
        // Editing a model whose file is already stored, without choosing another.
        if (!chosenFile) return { ok: true, model };
        const stored = await storeModelFile(model, chosenFile, signal);
        if (!stored.ok) {
          const { title } = describeError(stored.error);
          return { ok: false, error: `${title} ${stored.error.detail}` };
        }
        return { ok: true, model: { ...model, bytes: stored.bytes } };
      }
      const outcome = await checkGgufFile(model.url, fetch, signal);
      if (!outcome.ok) return outcome;
      const bytes = outcome.bytes !== undefined ? { bytes: outcome.bytes } : {};
      return { ok: true, model: { ...model, ...bytes } };
    },
    store: async (model) => {
      const saved: GgufCustomModel = { ...model, addedAt: editing?.addedAt ?? Date.now() };
      return (await saveAddedModel({ engine: 'llamacpp', saved })) ? saved : null;
    },
    onDone,
  });
  const fromFile = form.values.source === 'file';
  const name = form.fieldProps('name');

  return (
    <form
      ref={formRef}
      className="settings-form custom-model-form"
      noValidate
      onSubmit={form.submit}
    >
      <Field {...name} label="Name" hint="How the model is listed in Nook." input="text" />
      <SourceChoice
        legend="Where is the file?"
        local="file"
        value={form.values.source}
        onChange={form.fieldProps('source').onChange}
      />
      {fromFile ? (
        <Field
          {...form.fieldProps('file')}
          label="GGUF file"
          hint="Nook keeps a copy on this device, so it works offline, and never sends it anywhere."
          input={{
            file: (file) => {
              setChosenFile(file);
              // A file's name says what model it is: a good start for a name left empty.
              if (file && !form.values.name.trim())
                name.onChange(file.name.replace(/\.gguf$/i, ''));
            },
          }}
        />
      ) : (
        <Field
          {...form.fieldProps('url')}
          label="GGUF file URL"
          hint={
            <>
              The address of one .gguf file, such as a file of a Hugging Face GGUF repository (its
              page’s address works too). It downloads once, on first use, and stays on this device.
            </>
          }
          input="url"
        />
      )}
      <Field
        {...form.fieldProps('contextWindow')}
        label="Context window (tokens)"
        hint="Optional. How much the model reads at once; at most what it was trained for. Empty: 4,096."
        input="numeric"
      />
      <ModelFormFooter
        phase={form.phase}
        checking={
          fromFile ? 'Checking the file and copying it to this device…' : 'Checking the file…'
        }
        uncheckedNextStep={
          fromFile
            ? 'Choose another file: this one cannot be used.'
            : 'Check the address, or add the model anyway if the file will be there when you load it.'
        }
        submitLabel={editing ? 'Save changes' : 'Add model'}
        canAddAnyway={!fromFile}
        onSave={(model) => void form.save(model)}
        onCancel={() => form.backToEditing(fromFile ? 'file' : 'url')}
      />
    </form>
  );
}
