import { prebuiltAppConfig } from '@mlc-ai/web-llm';
import { beforeEach, describe, expect, it } from 'vitest';
import { useChatStore } from '../chatStore';
import { useModelStore } from '../modelStore';
import { useRuntimeStore } from '../runtimeStore';
import { removeCustomModel } from './customModels';
import { swiftShader } from '../../test/gpu';

describe('removeCustomModel', () => {
  beforeEach(() => {
    useRuntimeStore.setState({
      prebuiltRecords: prebuiltAppConfig.model_list,
      gpu: swiftShader,
    });
    useModelStore.setState({
      customModels: {
        'custom:a': {
          id: 'custom:a',
          name: 'A',
          modelUrl: 'https://m/a/',
          modelLibUrl: 'https://m/a.wasm',
          addedAt: 1,
        },
        'custom:b': {
          id: 'custom:b',
          name: 'B',
          modelUrl: 'https://m/b/',
          modelLibUrl: 'https://m/b.wasm',
          addedAt: 2,
        },
      },
    });
  });

  it('removes only that model', async () => {
    await removeCustomModel('custom:a');
    expect(Object.keys(useModelStore.getState().customModels)).toEqual(['custom:b']);
  });

  it('moves chats that used it to the recommended model', async () => {
    useChatStore.setState({ selectedModelId: 'custom:a' });
    await removeCustomModel('custom:a');
    expect(useChatStore.getState().selectedModelId).toBe('Llama-3.2-1B-Instruct-q4f32_1-MLC');
  });

  it('does nothing for an unknown id', async () => {
    const before = useModelStore.getState();
    await removeCustomModel('custom:missing');
    expect(useModelStore.getState()).toBe(before);
  });
});
