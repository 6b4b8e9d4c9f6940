// @vitest-environment jsdom
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

beforeEach(() => useModelStore.setState({ customModels: {}, ggufModels: {} }));
afterEach(cleanup);

describe('AddCustomModelButton', () => {
  it('opens the form in a dialog and closes it once the model is added', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(Response.json({}));
    render(<AddCustomModelButton />);
    expect(screen.queryByRole('textbox', { name: 'Name' })).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'Add custom model' }));
    expect(screen.getByRole('heading', { name: 'Add custom model' })).toBeDefined();
    fireEvent.click(screen.getByRole('radio', { name: /MLC build \(WebLLM\)/ }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Name' }), {
      target: { value: 'M' },
    });
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

describe('AddCustomModelButton, for a GGUF file', () => {
  it('checks that the address gives a GGUF file, and keeps its size', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      new Response('GGUF', { status: 206, headers: { 'content-range': 'bytes 0-3/536448' } }),
    );
    render(<AddCustomModelButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Add custom model' }));
    expect(
      (screen.getByRole('radio', { name: /GGUF file \(llama\.cpp\)/ }) as HTMLInputElement).checked,
    ).toBe(true);
    fireEvent.change(await screen.findByRole('textbox', { name: 'Name' }), {
      target: { value: 'Tiny' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'GGUF file URL' }), {
      target: { value: 'https://huggingface.co/org/m-GGUF/blob/main/m-q4_k_m.gguf' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add model' }));
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Name' })).toBeNull());
    expect(useModelStore.getState().ggufModels['gguf:tiny']).toMatchObject({
      url: 'https://huggingface.co/org/m-GGUF/resolve/main/m-q4_k_m.gguf',
      fileName: 'm-q4_k_m.gguf',
      bytes: 536448,
    });
  });

  it('says so when the address gives something else, and lets it be added anyway', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(new Response('<!DOCTYPE html>'));
    render(<AddCustomModelButton />);
    fireEvent.click(screen.getByRole('button', { name: 'Add custom model' }));
    fireEvent.change(await screen.findByRole('textbox', { name: 'Name' }), {
      target: { value: 'Page' },
    });
    fireEvent.change(screen.getByRole('textbox', { name: 'GGUF file URL' }), {
      target: { value: 'https://example.com/m.gguf' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Add model' }));
    await screen.findByText(/is not a GGUF model file \(it begins “<!DO”\)/);
    fireEvent.click(screen.getByRole('button', { name: 'Add anyway' }));
    // The dialog closes once the model is stored.
    await waitFor(() => expect(screen.queryByRole('textbox', { name: 'Name' })).toBeNull());
    expect(Object.keys(useModelStore.getState().ggufModels)).toEqual(['gguf:page']);
  });
});

describe('EditCustomModelButton', () => {
  it('opens the form for that model', async () => {
    render(<EditCustomModelButton model={model('custom:a')} />);
    fireEvent.click(screen.getByRole('button', { name: 'Edit' }));
    expect(screen.getByRole('heading', { name: 'Edit custom model' })).toBeDefined();
    expect(((await screen.findByRole('textbox', { name: 'Name' })) as HTMLInputElement).value).toBe(
      'custom:a',
    );
    expect(screen.getByRole('button', { name: 'Save changes' })).toBeDefined();
  });
});
