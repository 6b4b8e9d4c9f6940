import { RadioGroup } from '../../../ui/RadioGroup';

/**
 * Where a custom model's files are: on the internet (an address), or on this computer (`local`: a
 * GGUF file, or an MLC model folder). One choice for both custom-model forms.
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
  return (
    <RadioGroup
      className="model-source-choice"
      legend={legend}
      options={[
        { value: 'url', label: 'On the internet' },
        { value: local, label: 'On this computer' },
      ]}
      value={value}
      onChange={onChange}
    />
  );
}
