import { ChevronDown } from 'lucide-react';
import type { ButtonHTMLAttributes } from 'react';
import './modelButton.css';

/**
 * The header's model button as it looks: "Model" and the model's name. Named by what it shows,
 * "Model Llama 3.2 · 1B": a name that holds its visible text is the one speech-input users can
 * say. Drawn by the model picker (ModelButton) and, before the app is up, by the first screen.
 */
export function ModelButtonFace({
  name,
  ...rest
}: { name: string } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'>) {
  return (
    <button type="button" className="model-button" {...rest}>
      <span className="model-button-label">Model</span>{' '}
      <span className="model-button-name">{name}</span>
      <ChevronDown aria-hidden size={16} className="model-button-chevron" />
    </button>
  );
}
