// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import indexHtml from '../../index.html?raw';
import { importedModelUrl } from '../models/importedModel';
import { describeError } from './errorMessages';

// The policy as shipped.
const policy =
  /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(indexHtml)?.[1] ?? '';

describe('the error for a host the policy refuses', () => {
  afterEach(() => {
    document.head.querySelector('meta[http-equiv]')?.remove();
  });

  it('says it is the privacy policy, not the connection', () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = policy;
    document.head.append(meta);
    const message = describeError({
      code: 'download-failed',
      detail: 'Failed to store https://models.intranet.example/m/resolve/main/mlc-chat-config.json',
      url: 'https://models.intranet.example/m/resolve/main/mlc-chat-config.json',
    });
    expect(message.title).toBe(
      "Nook's privacy policy does not allow downloads from models.intranet.example.",
    );
    expect(message.nextStep).toContain('NOOK_MODEL_HOSTS');
  });

  it('names the file and the answer when the host is allowed', () => {
    const message = describeError({
      code: 'download-failed',
      detail: 'x',
      url: 'https://huggingface.co/m/resolve/main/mlc-chat-config.json',
      httpStatus: 404,
    });
    expect(message.title).toBe(
      'The model file mlc-chat-config.json could not be downloaded (the server answered 404).',
    );
  });
});

describe('the error for a file of a model copied from a folder', () => {
  it('says the copy lost the file, and to choose the folder again', () => {
    const url = importedModelUrl('custom:mine') + 'params_shard_1.bin';
    const message = describeError({
      code: 'download-failed',
      detail: `Failed to store ${url}`,
      url,
    });
    expect(message.title).toBe('The model file params_shard_1.bin is no longer on this device.');
    expect(message.nextStep).toContain('edit the model and choose its folder again');
  });
});
