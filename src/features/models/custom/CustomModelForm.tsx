/**
 * The form that adds or edits a custom model: shows what to fix next to each field, checks the
 * model's mlc-chat-config.json before saving (at its address, or in a folder chosen on this
 * computer, which is then checked whole and copied into WebLLM's cache), and writes the result
 * into the model store.
 */
import { modelFilesBase } from '../../../engine/webllm/modelUrls';
import { useRef, useState, type ReactNode } from 'react';
import type { FolderFile } from '../../../engine/protocol';
import { describeError } from '../../../ui/errorMessages';
import { saveAddedModel, storeModelFolder } from '../../../store/actions/customModels';
import { useModelStore, type CustomModel } from '../../../store/modelStore';
import { SourceChoice } from './SourceChoice';
import { Field, type InputKind } from './Field';
import {
  fetchChatConfigHints,
  validateCustomModel,
  withConfigHints,
  type CustomModelInput,
} from './customModelForm';
import { ModelFormFooter } from './ModelFormFooter';
import { useModelForm } from './useModelForm';
import '../../../ui/forms.css';
import './customModelForm.css';

type FieldKey = keyof CustomModelInput;
type DraftModel = Omit<CustomModel, 'addedAt'>;

const FIELD_ORDER: FieldKey[] = [
  'name',
  'folder',
  'modelUrl',
  'modelLibUrl',
  'vramMB',
  'contextWindow',
  'configIntegrity',
  'libIntegrity',
];
const OPTIONAL_FIELDS: FieldKey[] = ['vramMB', 'contextWindow', 'configIntegrity', 'libIntegrity'];

/** Each chosen file by its path inside the chosen folder (the browser's path starts with it). */
function folderFiles(files: File[]): FolderFile[] {
  return files.map((file) => ({
    path: file.webkitRelativePath.split('/').slice(1).join('/') || file.name,
    file,
  }));
}

function initialValues(model: CustomModel | undefined): CustomModelInput {
  return {
    name: model?.name ?? '',
    source: model?.folderName !== undefined ? 'folder' : 'url',
    folder: model?.folderName ?? '',
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
  // Open from the start when an edited model already uses one of the optional settings.
  const [optionalOpen, setOptionalOpen] = useState(() =>
    OPTIONAL_FIELDS.some((key) => initialValues(editing)[key] !== ''),
  );
  const formRef = useRef<HTMLFormElement>(null);
  const [chosenFiles, setChosenFiles] = useState<File[]>([]);
  const [copied, setCopied] = useState<number | null>(null);
  const form = useModelForm<CustomModelInput, DraftModel, CustomModel>({
    formRef,
    initial: initialValues(editing),
    fieldOrder: FIELD_ORDER,
    validate: (values) => {
      const { customModels, ggufModels } = useModelStore.getState();
      return validateCustomModel(values, { ...customModels, ...ggufModels }, editing?.id);
    },
    check: async (model, signal) => {
      if (model.folderName !== undefined) {
        // Editing a model whose folder is already stored, without choosing another.
        if (chosenFiles.length === 0) return { ok: true, model };
        setCopied(0);
        const stored = await storeModelFolder(model, folderFiles(chosenFiles), signal, setCopied);
        setCopied(null);
        if (!stored.ok) {
          const { code, detail } = stored.error;
          // A refused folder's detail is the sentence naming what is missing.
          return {
            ok: false,
            error: code === 'model-file-invalid' ? detail : describeError(stored.error).title,
          };
        }
        const { contextWindow } = stored.folder;
        return {
          ok: true,
          model: withConfigHints(model, contextWindow !== undefined ? { contextWindow } : {}),
        };
      }
      const outcome = await fetchChatConfigHints(model.modelUrl, fetch, signal);
      return outcome.ok ? { ok: true, model: withConfigHints(model, outcome.hints) } : outcome;
    },
    store: async (model) => {
      const saved: CustomModel = { ...model, addedAt: editing?.addedAt ?? Date.now() };
      return (await saveAddedModel({ engine: 'webllm', saved })) ? saved : null;
    },
    onDone,
    onInvalid: (errors) => {
      if (OPTIONAL_FIELDS.some((key) => errors[key])) setOptionalOpen(true);
    },
  });
  const field = (key: FieldKey, label: string, hint: ReactNode, input: InputKind) => (
    <Field {...form.fieldProps(key)} label={label} hint={hint} input={input} />
  );
  const filesBase = filesBasePreview(form.values.modelUrl);
  const fromFolder = form.values.source === 'folder';
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
        legend="Where are its files?"
        local="folder"
        value={form.values.source}
        onChange={form.fieldProps('source').onChange}
      />
      {fromFolder ? (
        <Field
          {...form.fieldProps('folder')}
          label="Model folder"
          hint={
            // A file input cannot show the folder chosen last time: say which one the copy is of.
            editing?.folderName !== undefined && chosenFiles.length === 0 ? (
              <>
                Copied from <strong>{editing.folderName}</strong> to this device. Choose the folder
                again to replace the copy.
              </>
            ) : (
              'The folder with mlc-chat-config.json, tensor-cache.json, the weight shards and the model library (.wasm). Nook keeps a copy on this device, so it works offline, and never sends it anywhere.'
            )
          }
          input={{
            folder: (files) => {
              setChosenFiles(files);
              const folder = files[0]?.webkitRelativePath.split('/')[0];
              // A folder's name says what model it is: a good start for a name left empty.
              if (folder && !form.values.name.trim()) name.onChange(folder);
            },
          }}
        />
      ) : (
        <>
          {field(
            'modelUrl',
            'Model URL',
            <>
              The folder with mlc-chat-config.json, tensor-cache.json and the weight shards. They
              are read from <code>&lt;url&gt;/resolve/main/</code> unless the address already
              contains <code>/resolve/&lt;branch&gt;/</code>.
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
        </>
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

      <ModelFormFooter
        phase={form.phase}
        checking={
          fromFolder
            ? `Checking the folder and copying it to this device…${copied !== null ? ` ${Math.floor(copied * 100)}%` : ''}`
            : 'Reading mlc-chat-config.json…'
        }
        uncheckedNextStep={
          fromFolder
            ? 'Choose the whole model folder: this one cannot be used.'
            : 'Check the model URL, or add the model anyway if its files will be there when you load it.'
        }
        canAddAnyway={!fromFolder}
        submitLabel={editing ? 'Save changes' : 'Add model'}
        onSave={(model) => void form.save(model)}
        onCancel={() => form.backToEditing(fromFolder ? 'folder' : 'modelUrl')}
      />
    </form>
  );
}
