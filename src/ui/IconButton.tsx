import type { ButtonHTMLAttributes, ReactNode } from 'react';
import './iconButton.css';

export interface IconButtonProps extends Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'children'> {
  /** The button's name: its text (shown, or for screen readers only) and its tooltip. */
  label: string;
  icon: ReactNode;
  /** Shows the label beside the icon. */
  showLabel?: boolean;
}

/**
 * A button drawn as an icon. Its name is real text (hidden from sight unless `showLabel`), not an
 * aria-label, so it is what translation tools and `getByRole(…, { name })` see.
 */
export function IconButton({
  label,
  icon,
  showLabel = false,
  className,
  ...rest
}: IconButtonProps) {
  return (
    <button
      type="button"
      {...rest}
      className={`icon-button${showLabel ? ' with-label' : ''}${className ? ` ${className}` : ''}`}
      title={label}
    >
      <span className="icon" aria-hidden="true">
        {icon}
      </span>
      <span className={showLabel ? 'icon-button-label' : 'visually-hidden'}>{label}</span>
    </button>
  );
}
