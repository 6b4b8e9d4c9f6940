// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { useModelStore, type CustomModel } from '../../../store/modelStore';
import { CustomModelForm } from './CustomModelForm';

const MODEL_URL = 'https://models.example.com/my-llama';
const LIB_URL = 'https://models.example.com/libs/my-llama-webgpu.wasm';

const textbox = (name: string) => screen.getByRole('textbox', { name });

function fill(values: Record<string, string>) {
  for (const [label, value] of Object.entries(values)) {
    fireEvent.change(textbox(label), { target: { value } });
  }
}

function fillValid() {
  fill({ Name: 'My Llama', 'Model URL': MODEL_URL, 'Model library URL': LIB_URL });
}

const submit = (name = 'Add model') => fireEvent.click(screen.getByRole('button', { name }));

function mockFetch(response: Response | Promise<Response>) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(response));
}

/** The element holding an input's error, found through its aria-describedby. */
function describedErrors(input: HTMLElement): string[] {
  return (input.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .map((id) => document.getElementById(id))
    .filter((el) => el?.classList.contains('error'))
    .map((el) => el!.textContent ?? '');
}

beforeAll(async () => {
  // Hydration replaces customModels when it finishes; a model written before that would be lost.
  if (!useModelStore.persist.hasHydrated()) {
    await new Promise<void>((resolve) => useModelStore.persist.onFinishHydration(() => resolve()));
  }
});

beforeEach(() => useModelStore.setState({ customModels: {} }));
afterEach(cleanup);

describe('CustomModelForm', () => {
  it('names every field', () => {
    render(<CustomModelForm onDone={() => {}} />);
    for (const name of [
      'Name',
      'Model URL',
      'Model library URL',
      'VRAM needed (MB)',
      'Context window (tokens)',
      'Config integrity (SRI)',
      'Library integrity (SRI)',
    ]) {
      expect(textbox(name)).toBeDefined();
    }
  });

  it('shows where the files will be read from', () => {
    render(<CustomModelForm onDone={() => {}} />);
    fill({ 'Model URL': MODEL_URL });
    expect(screen.getByText('https://models.example.com/my-llama/resolve/main/')).toBeDefined();
  });

  it('reads the config, fills in its context window and adds the model', async () => {
    let answer!: (response: Response) => void;
    const fetchSpy = mockFetch(new Promise<Response>((resolve) => (answer = resolve)));
    const onDone = vi.fn();
    render(<CustomModelForm onDone={onDone} />);
    fillValid();
    submit();

    expect(screen.getByRole('status').textContent).toBe('Reading mlc-chat-config.json…');
    expect(fetchSpy.mock.calls[0]![0]).toBe(
      'https://models.example.com/my-llama/resolve/main/mlc-chat-config.json',
    );
    await act(async () => answer(Response.json({ context_window_size: 8192 })));

    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    const saved = useModelStore.getState().customModels['custom:my-llama']!;
    expect(saved).toMatchObject({
      id: 'custom:my-llama',
      name: 'My Llama',
      modelUrl: `${MODEL_URL}/`,
      modelLibUrl: LIB_URL,
      contextWindow: 8192,
    });
    expect(saved.addedAt).toBeGreaterThan(0);
    expect(onDone).toHaveBeenCalledWith(saved);
  });

  it('keeps a context window the user typed', async () => {
    mockFetch(Response.json({ context_window_size: 8192 }));
    const onDone = vi.fn();
    render(<CustomModelForm onDone={onDone} />);
    fillValid();
    fill({ 'Context window (tokens)': '2048' });
    submit();
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(useModelStore.getState().customModels['custom:my-llama']!.contextWindow).toBe(2048);
  });

  it('shows an invalid address next to "Model URL" and focuses it', () => {
    const fetchSpy = mockFetch(Response.json({}));
    render(<CustomModelForm onDone={() => {}} />);
    fillValid();
    fill({ 'Model URL': 'models.example.com/my-llama' });
    submit();

    const input = textbox('Model URL');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(describedErrors(input)).toEqual([
      'Enter a full http:// or https:// address, such as https://models.example.com/my-model/.',
    ]);
    expect(document.activeElement).toBe(input);
    expect(textbox('Name').getAttribute('aria-invalid')).toBeNull();
    expect(fetchSpy).not.toHaveBeenCalled();
    expect(useModelStore.getState().customModels).toEqual({});
  });

  it('focuses the first invalid field and clears an error once the field changes', () => {
    render(<CustomModelForm onDone={() => {}} />);
    submit();
    expect(document.activeElement).toBe(textbox('Name'));
    expect(describedErrors(textbox('Name'))).toEqual(['Enter a name for this model.']);
    expect(textbox('Model library URL').getAttribute('aria-invalid')).toBe('true');

    fill({ Name: 'x' });
    expect(textbox('Name').getAttribute('aria-invalid')).toBeNull();
    expect(textbox('Model library URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('opens the optional settings when one of them is invalid', () => {
    const { container } = render(<CustomModelForm onDone={() => {}} />);
    const details = container.querySelector('details')!;
    expect(details.open).toBe(false);
    fillValid();
    fill({ 'Library integrity (SRI)': 'md5-abc' });
    submit();

    expect(details.open).toBe(true);
    const input = textbox('Library integrity (SRI)');
    expect(document.activeElement).toBe(input);
    expect(describedErrors(input)).toEqual(['Use a subresource-integrity hash such as sha384-…']);
  });

  it('offers "Add anyway" when the config cannot be read, which adds the model', async () => {
    mockFetch(new Response('Not found', { status: 404 }));
    const onDone = vi.fn();
    render(<CustomModelForm onDone={onDone} />);
    fillValid();
    submit();

    const addAnyway = await screen.findByRole('button', { name: 'Add anyway' });
    expect(screen.getByRole('alert').textContent).toContain(
      'The server answered 404 for https://models.example.com/my-llama/resolve/main/mlc-chat-config.json.',
    );
    expect(useModelStore.getState().customModels).toEqual({});
    fireEvent.click(addAnyway);

    const saved = useModelStore.getState().customModels['custom:my-llama']!;
    expect(saved.name).toBe('My Llama');
    expect(saved).not.toHaveProperty('contextWindow');
    // The form is done once the model is stored, not before.
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(saved));
  });

  it('returns to editing on "Cancel", with the address focused', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('Failed to fetch'));
    const onDone = vi.fn();
    render(<CustomModelForm onDone={onDone} />);
    fillValid();
    submit();
    expect((await screen.findByRole('alert')).textContent).toContain('CORS');

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('alert')).toBeNull();
    expect(document.activeElement).toBe(textbox('Model URL'));
    expect(screen.getByRole('button', { name: 'Add model' })).toBeDefined();
    expect(useModelStore.getState().customModels).toEqual({});
    expect(onDone).not.toHaveBeenCalled();
  });

  it('edits a model in place, keeping its id and when it was added', async () => {
    mockFetch(Response.json({ context_window_size: 4096 }));
    const model: CustomModel = {
      id: 'custom:old-name',
      name: 'Old name',
      modelUrl: `${MODEL_URL}/`,
      modelLibUrl: LIB_URL,
      vramMB: 3000,
      integrity: { config: 'sha256-abc' },
      addedAt: 42,
    };
    useModelStore.setState({ customModels: { [model.id]: model } });
    const onDone = vi.fn();
    const { container } = render(<CustomModelForm editing={model} onDone={onDone} />);
    expect(container.querySelector('details')!.open).toBe(true);
    expect((textbox('VRAM needed (MB)') as HTMLInputElement).value).toBe('3000');
    expect((textbox('Config integrity (SRI)') as HTMLInputElement).value).toBe('sha256-abc');

    fill({ Name: 'New name' });
    submit('Save changes');
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(useModelStore.getState().customModels).toEqual({
      'custom:old-name': {
        ...model,
        name: 'New name',
        contextWindow: 4096,
      },
    });
  });
});
