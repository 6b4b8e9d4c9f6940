// @vitest-environment jsdom
import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { chatHydration, useChatStore } from '../../store/chatStore';
import { useModelStore } from '../../store/modelStore';
import { initialRuntimeState, useRuntimeStore } from '../../store/runtimeStore';
import { importedLibraryUrl, importedModelUrl } from '../../models/importedModel';
import { FirstDownloadNote } from './FirstDownloadNote';
import { ModelButton } from './ModelButton';
import { swiftShader } from '../../test/gpu';

const refreshModelCache = vi.hoisted(() => vi.fn(async () => undefined));
vi.mock('../../store/session/modelFiles', () => ({
  refreshModelCache,
  askForPersistentStorage: vi.fn(),
}));

const MODEL = 'Llama-3.2-1B-Instruct-q4f32_1-MLC';

beforeAll(async () => {
  await vi.waitFor(() => expect(chatHydration.isDone()).toBe(true));
  if (!useModelStore.persist.hasHydrated()) {
    await new Promise<void>((resolve) => useModelStore.persist.onFinishHydration(() => resolve()));
  }
});

beforeEach(() => {
  useChatStore.setState({ selectedModelId: MODEL });
  useRuntimeStore.setState({
    gpu: swiftShader,
    prebuiltRecords: prebuiltAppConfig.model_list,
    modelCache: { [MODEL]: { state: 'absent', bytes: 0 } },
  });
});

afterEach(() => {
  cleanup();
  useRuntimeStore.setState(initialRuntimeState);
  refreshModelCache.mockClear();
});

describe('FirstDownloadNote', () => {
  it('says what will be downloaded, how much, from where and where it is kept', () => {
    render(<FirstDownloadNote />);
    const note = screen.getByRole('complementary', { name: 'First download' });
    expect(note.textContent).toContain('Llama 3.2 · 1B downloads when you send your first message');
    expect(note.textContent).toContain('about 619 MB from huggingface.co');
    expect(note.textContent).toContain(
      'kept in this browser’s storage on this device; after that Nook works offline',
    );
  });

  it('opens the model manager on its picks to choose another model', async () => {
    render(
      <>
        <ModelButton />
        <FirstDownloadNote />
      </>,
    );
    expect(screen.queryByRole('heading', { name: 'Recommended for this device' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Choose another model' }));
    expect(screen.getByRole('dialog', { name: 'Models' })).toBeDefined();
    // The manager's views load when it first opens.
    expect(
      await screen.findByRole('heading', { name: 'Recommended for this device' }),
    ).toBeDefined();
  });

  it('renders nothing once the model is downloaded, or while it loads', () => {
    const { container } = render(<FirstDownloadNote />);
    expect(container.textContent).not.toBe('');
    act(() =>
      useRuntimeStore.setState({
        engine: {
          status: 'loading',
          modelId: MODEL,
          warm: false,
          progress: null,
          download: null,
          lastReportAt: 0,
        },
      }),
    );
    expect(container.textContent).toBe('');
    act(() =>
      useRuntimeStore.setState({
        engine: { status: 'idle' },
        modelCache: { [MODEL]: { state: 'complete', bytes: 2 ** 29 } },
      }),
    );
    expect(container.textContent).toBe('');
  });

  it('says a model copied from a folder on this computer must be chosen again, not downloaded', () => {
    const id = 'custom:from-a-folder';
    useModelStore.setState({
      customModels: {
        [id]: {
          id,
          name: 'From a folder',
          modelUrl: importedModelUrl(id),
          modelLibUrl: importedLibraryUrl(id, 'library.wasm'),
          folderName: 'From-a-folder-MLC',
          addedAt: 1,
        },
      },
    });
    useChatStore.setState({ selectedModelId: id });
    useRuntimeStore.setState({ modelCache: { [id]: { state: 'partial', bytes: 1 } } });
    render(<FirstDownloadNote />);
    const note = screen.getByRole('complementary', { name: 'Model not on this device' });
    expect(note.textContent).toContain(
      'From a folder came from a file or folder on this computer, and its copy here is missing files.',
    );
    expect(note.textContent).toContain('Edit the model');
    expect(note.textContent).not.toContain('download');
    useModelStore.setState({ customModels: {} });
  });

  it('asks what is downloaded when nobody has yet, and says nothing until it knows', () => {
    useRuntimeStore.setState({ modelCache: null });
    const { container } = render(<FirstDownloadNote />);
    expect(container.textContent).toBe('');
    expect(refreshModelCache).toHaveBeenCalledOnce();
  });
});
