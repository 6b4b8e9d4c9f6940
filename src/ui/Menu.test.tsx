// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Menu } from './Menu';

afterEach(cleanup);

function renderMenu() {
  const chosen = vi.fn();
  render(
    <Menu
      label="More"
      trigger="⋯"
      items={[
        { label: 'Stats', checked: false, onSelect: () => chosen('Stats') },
        { label: 'Benchmark', onSelect: () => chosen('Benchmark') },
        'separator',
        { label: 'Export', disabled: true, onSelect: () => chosen('Export') },
        { label: 'Import', onSelect: () => chosen('Import') },
      ]}
    />,
  );
  return { chosen, trigger: screen.getByRole('button', { name: 'More' }) };
}

describe('Menu', () => {
  it('opens from the keyboard, moves with the arrows, and chooses with Enter', () => {
    const { chosen, trigger } = renderMenu();
    expect(trigger.getAttribute('aria-expanded')).toBe('false');
    fireEvent.keyDown(trigger, { key: 'ArrowDown' });
    expect(trigger.getAttribute('aria-expanded')).toBe('true');
    const menu = screen.getByRole('menu', { name: 'More' });
    expect(document.activeElement).toBe(screen.getByRole('menuitemcheckbox', { name: 'Stats' }));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Benchmark' }));
    fireEvent.keyDown(menu, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByRole('menuitem', { name: 'Import' }));
    fireEvent.keyDown(menu, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByRole('menuitemcheckbox', { name: 'Stats' }));
    fireEvent.click(screen.getByRole('menuitem', { name: 'Benchmark' }));
    expect(chosen).toHaveBeenCalledWith('Benchmark');
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });

  it('closes on Escape and gives focus back; a checkable item says whether it is checked', () => {
    const { trigger } = renderMenu();
    fireEvent.click(trigger);
    expect(
      screen.getByRole('menuitemcheckbox', { name: 'Stats' }).getAttribute('aria-checked'),
    ).toBe('false');
    expect((screen.getByRole('menuitem', { name: 'Export' }) as HTMLButtonElement).disabled).toBe(
      true,
    );
    fireEvent.keyDown(screen.getByRole('menu'), { key: 'Escape' });
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(trigger);
  });
});
