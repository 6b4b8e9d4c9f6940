import { useId } from 'react';

/**
 * Where a custom model's files are: on the internet (an address), or on this computer (`local`: a
 * GGUF file, or an MLC model folder). One radio group for both custom-model forms.
 */
export function SourceChoice({
  legend,
  local,
  value,
  onChange,
}: {
  legend: string;
  local: string;
  value: string;
  onChange: (source: string) => void;
}) {
  const name = useId();
  const options = [
    { source: 'url', label: 'On the internet' },
    { source: local, label: 'On this computer' },
  ];
  return (
    <fieldset className="model-source-choice">
      <legend>{legend}</legend>
      {options.map((option) => (
        <label key={option.source}>
          <input
            type="radio"
            name={name}
            checked={value === option.source}
            onChange={() => onChange(option.source)}
          />
          {option.label}
        </label>
      ))}
    </fieldset>
  );
}
