import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useModelStore, type CustomModel } from '../../../store/modelStore';
import { AddCustomModelButton, EditCustomModelButton } from './CustomModelDialog';

const model = (id: string): CustomModel => ({
  id,
  name: id,
  modelUrl: 'https://models.example.com/m/',
  modelLibUrl: 'https://models.example.com/m.wasm',
  addedAt: 1,
});

beforeAll(async () => {
  if (!useModelStore.persist.hasHydrated()) {
    await new Promise<void>((resolve) => useModelStore.persist.onFinishHydration(() => resolve()));
  }
});

beforeEach(() => useModelStore.setState({ customModels: {} }));
afterEach(cleanup);

describe('AddCustomModelButton', () => {
  it('opens the form in a dialog and closes it once the model is added', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({}));
    render(<AddCustomModelButton />);
    expect(screen.queryByRole('textbox', { name: 'Name' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add custom model' }));
    expect(screen.getByRole('heading', { name: 'Add custom model' })).toBeDefined();
    fireEvent.change(screen.getByRole('textbox', { name: 'Name' }), { target: { value: 'M' } });
    fireEvent.change(screen.getByRole('textbox', { name: 'Model URL' }), {
      target: { value: 'https://models.example.com/m' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'Model library URL' }), {
      target: { value: 'https://models.example.com/m.wasm' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add model' }));

    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Name' })).toBeNull());
    expect(Object.keys(useModelStore.getState().customModels)).toEqual(['custom:m']);
  });
});

describe('EditCustomModelButton', () => {
  it('opens the form for that model', () => {
    render(<EditCustomModelButton model={model('custom:a')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(screen.getByRole('heading', { name: 'Edit custom model' })).toBeDefined();
    expect((screen.getByRole('textbox', { name: 'Name' }) as HTMLInputElement).value).toBe(
      'custom:a',
    );
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDefined();
  });
});
