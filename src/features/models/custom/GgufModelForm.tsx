/**
 * The form that adds or edits a GGUF model for llama.cpp: shows what to fix next to each field,
 * checks that the address gives a GGUF file before saving, and closes once the model is stored.
 */
import { useRef } from 'react';
import { saveAddedModel } from '../../../store/actions/customModels';
import { useModelStore, type GgufCustomModel } from '../../../store/modelStore';
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
  const formRef = useRef<HTMLFormElement>(null);
  const form = useModelForm<GgufModelInput, DraftModel, GgufCustomModel>({
    formRef,
    initial: initialValues(editing),
    fieldOrder: ['name', 'url', 'contextWindow'],
    validate: (values) => {
      const { customModels, ggufModels } = useModelStore.getState();
      return validateGgufModel(values, { ...customModels, ...ggufModels }, editing?.id);
    },
    check: async (model, signal) => {
      const outcome = await checkGgufFile(model.url ?? '', fetch, signal);
      if (!outcome.ok) return outcome;
      return {
        ok: true,
        model: { ...model, ...(outcome.bytes !== undefined && { bytes: outcome.bytes }) },
      };
    },
    store: async (model) => {
      const saved: GgufCustomModel = { ...model, addedAt: editing?.addedAt ?? Date.now() };
      return (await saveAddedModel({ engine: 'llamacpp', saved })) ? saved : null;
    },
    onDone,
  });

  return (
    <form
      ref={formRef}
      className="settings-form custom-model-form"
      noValidate
      onSubmit={form.submit}
    >
      <Field
        {...form.fieldProps('name')}
        label="Name"
        hint="How the model is listed in Nook."
        input="text"
      />
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
      <Field
        {...form.fieldProps('contextWindow')}
        label="Context window (tokens)"
        hint="Optional. How much the model reads at once; at most what it was trained for. Empty: 4,096."
        input="numeric"
      />
      <ModelFormFooter
        phase={form.phase}
        checking="Checking the file…"
        uncheckedNextStep="Check the address, or add the model anyway if the file will be there when you load it."
        submitLabel={editing ? 'Save changes' : 'Add model'}
        onSave={(model) => void form.save(model)}
        onCancel={() => form.backToEditing('url')}
      />
    </form>
  );
}
