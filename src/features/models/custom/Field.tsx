/** One field of a custom-model form: its label, its input, and what to fix or know, announced. */
import type { ReactNode } from 'react';

export type InputKind =
  'text' | 'url' | 'decimal' | 'numeric' | 'code' | GgufFileInput | FolderInput;

/** A file chosen on this computer; `value` is then its name. */
interface GgufFileInput {
  file: (file: File | null) => void;
}

/** A folder chosen on this computer; `value` is then its name. */
interface FolderInput {
  folder: (files: File[]) => void;
}

/** The folder's name, from the path the browser gives each of its files ("folder/file"). */
const folderNameOf = (files: File[]) => files[0]?.webkitRelativePath.split('/')[0] ?? '';

export function Field({
  id,
  name,
  label,
  value,
  error,
  hint,
  input,
  onChange,
}: {
  id: string;
  name: string;
  label: string;
  value: string;
  error: string | undefined;
  hint: ReactNode;
  input: InputKind;
  onChange: (value: string) => void;
}) {
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const verbatim = input === 'url' || input === 'code';
  const describedBy = error ? `${errorId} ${hintId}` : hintId;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {typeof input === 'object' && 'folder' in input ? (
        <input
          id={id}
          name={name}
          type="file"
          // Not in React's types: the browser's folder picker.
          {...{ webkitdirectory: '' }}
          multiple
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            const files = [...(e.target.files ?? [])];
            input.folder(files);
            onChange(files.length > 0 ? folderNameOf(files) || files[0]?.name || '' : '');
          }}
        />
      ) : typeof input === 'object' ? (
        <input
          id={id}
          name={name}
          type="file"
          accept=".gguf"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => {
            const file = e.target.files?.[0] ?? null;
            input.file(file);
            onChange(file?.name ?? '');
          }}
        />
      ) : (
        <input
          id={id}
          name={name}
          // Numbers stay text inputs so validation sees what was typed, not a browser's blank.
          type={input === 'url' ? 'url' : 'text'}
          inputMode={input === 'decimal' || input === 'numeric' ? input : undefined}
          autoComplete="off"
          spellCheck={verbatim ? false : undefined}
          autoCapitalize={verbatim ? 'off' : undefined}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {error && (
        <small id={errorId} className="hint error">
          {error}
        </small>
      )}
      <small id={hintId} className="hint">
        {hint}
      </small>
    </div>
  );
}
