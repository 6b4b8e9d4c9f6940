import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import './menu.css';

export type MenuEntry =
  | {
      label: string;
      icon?: ReactNode;
      onSelect: () => void;
      /** A checkable item (role menuitemcheckbox), e.g. a panel that is shown or not. */
      checked?: boolean;
      disabled?: boolean;
    }
  | 'separator';

export interface MenuProps {
  /** The trigger's accessible name (and the menu's). */
  label: string;
  trigger: ReactNode;
  items: MenuEntry[];
}

/**
 * A menu button (WAI-ARIA menu pattern): Enter, Space or the arrow keys open it; arrows, Home and
 * End move; Enter or a click chooses; Escape, Tab or a click outside closes it and focus goes back.
 */
export function Menu({ label, trigger, items }: MenuProps) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const menuId = useId();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const itemRefs = useRef<(HTMLButtonElement | null)[]>([]);
  // Where the arrows can go: not separators, not disabled items (which cannot take focus).
  const choices = items.flatMap((item, index) =>
    item === 'separator' || item.disabled ? [] : [index],
  );

  const show = (at: number) => {
    setActive(at);
    setOpen(true);
  };
  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) triggerRef.current?.focus();
  };

  const focused = choices[active];
  useEffect(() => {
    if (open && focused !== undefined) itemRefs.current[focused]?.focus();
  }, [open, focused]);

  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!triggerRef.current?.parentElement?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  const onMenuKey = (event: KeyboardEvent) => {
    const last = choices.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    if (event.key in moves) {
      event.preventDefault();
      setActive(moves[event.key] ?? 0);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      close(true);
    } else if (event.key === 'Tab') {
      close(false);
    }
  };

  return (
    <div className="menu">
      <button
        ref={triggerRef}
        type="button"
        className="icon-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : show(0))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            show(0);
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            show(choices.length - 1);
          }
        }}
      >
        {trigger}
      </button>
      {open && (
        <div id={menuId} role="menu" aria-label={label} className="menu-list" onKeyDown={onMenuKey}>
          {items.map((item, index) =>
            item === 'separator' ? (
              <div key={`separator-${index}`} role="separator" className="menu-separator" />
            ) : (
              <button
                key={item.label}
                ref={(element) => {
                  itemRefs.current[index] = element;
                }}
                type="button"
                role={item.checked === undefined ? 'menuitem' : 'menuitemcheckbox'}
                aria-checked={item.checked}
                disabled={item.disabled}
                tabIndex={focused === index ? 0 : -1}
                className="menu-item"
                onClick={() => {
                  close(true);
                  item.onSelect();
                }}
              >
                <span className="icon" aria-hidden="true">
                  {item.icon}
                </span>
                <span>{item.label}</span>
                {item.checked && (
                  <span className="menu-check" aria-hidden="true">
                    ✓
                  </span>
                )}
              </button>
            ),
          )}
        </div>
      )}
    </div>
  );
}
