import { describe, expect, it, vi } from 'vitest';
import type { CustomModel } from '../../../store/modelStore';
import {
  fetchChatConfigHints,
  validateCustomModel,
  withConfigHints,
  type CustomModelInput,
} from './customModelForm';

const SRI = 'sha384-oqVuAfXRKap7fdgcCY5uykM6+R9GqQ8K/uxy9rx7HNQlGYl1kPzQho1wx4JwY8wC';

const valid: CustomModelInput = {
  name: 'My Llama',
  source: 'url',
  folder: '',
  modelUrl: 'https://models.example.com/my-llama',
  modelLibUrl: 'https://models.example.com/libs/my-llama-webgpu.wasm',
  vramMB: '',
  contextWindow: '',
  configIntegrity: '',
  libIntegrity: '',
};

const stored = (id: string, name: string): CustomModel => ({
  id,
  name,
  modelUrl: 'https://models.example.com/x/',
  modelLibUrl: 'https://models.example.com/x.wasm',
  addedAt: 1,
});

function errorsOf(input: Partial<CustomModelInput>, existing: Record<string, CustomModel> = {}) {
  const result = validateCustomModel({ ...valid, ...input }, existing);
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
}

function modelOf(
  input: Partial<CustomModelInput>,
  existing: Record<string, CustomModel> = {},
  editingId?: string,
) {
  const result = validateCustomModel({ ...valid, ...input }, existing, editingId);
  if (!result.ok) throw new Error(`expected a model, got ${JSON.stringify(result.errors)}`);
  return result.model;
}

describe('validateCustomModel', () => {
  it('gives a model from a folder made-up addresses, and asks for the folder', () => {
    const fromFolder = { ...valid, source: 'folder' as const, modelUrl: '', modelLibUrl: '' };
    expect(validateCustomModel(fromFolder, {})).toEqual({
      ok: false,
      errors: { folder: "Choose the model's folder on this computer." },
    });
    const result = validateCustomModel({ ...fromFolder, folder: 'Qwen2-0.5B' }, {});
    expect(result.ok && result.model).toMatchObject({
      id: 'custom:my-llama',
      folderName: 'Qwen2-0.5B',
      modelUrl: 'https://imported.nook.invalid/custom%3Amy-llama/resolve/main/',
      modelLibUrl: 'https://imported.nook.invalid/custom%3Amy-llama/resolve/main/library.wasm',
    });
  });

  it('accepts the minimum and stores the model URL with a trailing slash', () => {
    expect(modelOf({})).toEqual({
      id: 'custom:my-llama',
      name: 'My Llama',
      modelUrl: 'https://models.example.com/my-llama/',
      modelLibUrl: 'https://models.example.com/libs/my-llama-webgpu.wasm',
    });
  });

  it('trims every field and keeps an existing trailing slash', () => {
    const model = modelOf({
      name: '  My Llama  ',
      modelUrl: ' https://models.example.com/my-llama/ ',
      modelLibUrl: ' https://models.example.com/a.wasm ',
      vramMB: ' 4096.5 ',
      contextWindow: ' 4096 ',
      configIntegrity: ` ${SRI} `,
    });
    expect(model).toMatchObject({
      name: 'My Llama',
      modelUrl: 'https://models.example.com/my-llama/',
      modelLibUrl: 'https://models.example.com/a.wasm',
      vramMB: 4096.5,
      contextWindow: 4096,
      integrity: { config: SRI },
    });
  });

  it('keeps both integrity hashes and leaves out empty optional fields', () => {
    const model = modelOf({ configIntegrity: SRI, libIntegrity: 'sha256-abc=' });
    expect(model.integrity).toEqual({ config: SRI, model_lib: 'sha256-abc=' });
    expect(model).not.toHaveProperty('vramMB');
    expect(model).not.toHaveProperty('contextWindow');
    expect(modelOf({})).not.toHaveProperty('integrity');
  });

  describe('name', () => {
    it('is required', () => {
      expect(errorsOf({ name: '   ' }).name).toBe('Enter a name for this model.');
    });

    it('is at most 100 characters after trimming', () => {
      expect(modelOf({ name: ` ${'a'.repeat(100)} ` }).name).toHaveLength(100);
      expect(errorsOf({ name: 'a'.repeat(101) }).name).toBe(
        'Keep the name to 100 characters or fewer.',
      );
    });

    it('is unique among existing names, ignoring case', () => {
      const existing = { 'custom:my-llama': stored('custom:my-llama', 'My Llama') };
      expect(errorsOf({ name: 'my llama ' }, existing).name).toBe(
        'You already have a model called “my llama”. Choose another name.',
      );
    });

    it('may stay the same when that model is being edited', () => {
      const existing = { 'custom:my-llama': stored('custom:my-llama', 'My Llama') };
      expect(modelOf({ name: 'MY LLAMA' }, existing, 'custom:my-llama').name).toBe('MY LLAMA');
    });
  });

  describe('addresses', () => {
    const notHttp = 'Enter a full http:// or https:// address';

    it('are required', () => {
      const errors = errorsOf({ modelUrl: '', modelLibUrl: ' ' });
      expect(errors.modelUrl).toBe("Enter the address of the model's folder.");
      expect(errors.modelLibUrl).toBe('Enter the address of the model library (a .wasm file).');
    });

    it.each([
      ['a relative path', '/models/llama'],
      ['a host without a scheme', 'localhost:8080/models/llama'],
      ['a file address', 'file:///home/me/llama'],
      ['a script', 'javascript:alert(1)'],
      ['an ftp address', 'ftp://models.example.com/llama'],
      ['text', 'not a url'],
    ])('must be http or https, not %s', (_, url) => {
      const errors = errorsOf({ modelUrl: url, modelLibUrl: `${url}.wasm` });
      expect(errors.modelUrl).toBe(`${notHttp}, such as https://models.example.com/my-model/.`);
      expect(errors.modelLibUrl).toBe(
        `${notHttp}, such as https://models.example.com/libs/my-model-webgpu.wasm.`,
      );
    });

    it('accept plain http, for intranet mirrors', () => {
      expect(modelOf({ modelUrl: 'http://10.0.0.5/llama' }).modelUrl).toBe(
        'http://10.0.0.5/llama/',
      );
    });

    it('must not carry a user name or password', () => {
      const message =
        'Take the user name and password out of the address; browsers will not send them.';
      const errors = errorsOf({
        modelUrl: 'https://me:secret@models.example.com/llama',
        modelLibUrl: 'https://me@models.example.com/llama.wasm',
      });
      expect(errors.modelUrl).toBe(message);
      expect(errors.modelLibUrl).toBe(message);
    });

    it('reject a query or fragment on the model URL, where file names are appended', () => {
      const message =
        'Remove the part from ? or # onwards; Nook adds file names to the end of this address.';
      expect(errorsOf({ modelUrl: 'https://models.example.com/llama?v=1' }).modelUrl).toBe(message);
      expect(errorsOf({ modelUrl: 'https://models.example.com/llama#x' }).modelUrl).toBe(message);
    });

    it('require the library path to end in .wasm, query strings aside', () => {
      expect(errorsOf({ modelLibUrl: 'https://models.example.com/llama.js' }).modelLibUrl).toBe(
        'The model library address must end in .wasm.',
      );
      expect(
        errorsOf({ modelLibUrl: 'https://models.example.com/download?file=llama.wasm' })
          .modelLibUrl,
      ).toBe('The model library address must end in .wasm.');
      expect(
        modelOf({ modelLibUrl: 'https://cdn.example.com/llama.wasm?token=1' }).modelLibUrl,
      ).toBe('https://cdn.example.com/llama.wasm?token=1');
    });
  });

  describe('VRAM', () => {
    const message =
      'Enter the memory the model needs in megabytes, from 1 to 200000, or leave it empty.';

    it.each(['0', '0.5', '200001', '-5', 'abc', '4 GB', '1e3', '0x10'])('rejects %j', (vramMB) => {
      expect(errorsOf({ vramMB }).vramMB).toBe(message);
    });

    it.each([
      ['1', 1],
      ['200000', 200000],
      ['1536.5', 1536.5],
    ])('accepts %j', (vramMB, expected) => {
      expect(modelOf({ vramMB }).vramMB).toBe(expected);
    });
  });

  describe('context window', () => {
    const message = 'Enter a whole number of tokens from 256 to 262144, or leave it empty.';

    it.each(['255', '262145', '4096.5', '-4096', 'lots'])('rejects %j', (contextWindow) => {
      expect(errorsOf({ contextWindow }).contextWindow).toBe(message);
    });

    it.each([
      ['256', 256],
      ['262144', 262144],
    ])('accepts %j', (contextWindow, expected) => {
      expect(modelOf({ contextWindow }).contextWindow).toBe(expected);
    });
  });

  describe('integrity', () => {
    const message = 'Use a subresource-integrity hash such as sha384-…';

    it.each([
      'md5-abc',
      'sha384',
      'sha384-',
      'sha384-abc===',
      'sha1-abc',
      'sha384-a b',
      SRI + ' x',
    ])('rejects %j', (hash) => {
      const errors = errorsOf({ configIntegrity: hash, libIntegrity: hash });
      expect(errors.configIntegrity).toBe(message);
      expect(errors.libIntegrity).toBe(message);
    });

    it.each(['sha256-abc', 'sha384-ab+/cd==', 'sha512-x='])('accepts %j', (hash) => {
      expect(modelOf({ libIntegrity: hash }).integrity).toEqual({ model_lib: hash });
    });
  });

  it('reports every invalid field at once', () => {
    expect(
      Object.keys(
        errorsOf({
          name: '',
          modelUrl: 'x',
          modelLibUrl: 'y',
          vramMB: 'z',
          contextWindow: '1',
          configIntegrity: 'no',
          libIntegrity: 'no',
        }),
      ).sort(),
    ).toEqual(
      [
        'name',
        'modelUrl',
        'modelLibUrl',
        'vramMB',
        'contextWindow',
        'configIntegrity',
        'libIntegrity',
      ].sort(),
    );
  });

  describe('id', () => {
    it('is custom: and a slug of lowercase letters, digits and single dashes', () => {
      expect(modelOf({ name: 'Llama 3.1 — 8B (q4f16_1)!!' }).id).toBe(
        'custom:llama-3-1-8b-q4f16-1',
      );
      expect(modelOf({ name: 'Café Ünïcode' }).id).toBe('custom:cafe-unicode');
    });

    it('falls back to "model" when nothing ASCII is left', () => {
      expect(modelOf({ name: '日本語モデル' }).id).toBe('custom:model');
    });

    it('keeps the slug to 60 characters without a trailing dash', () => {
      const id = modelOf({ name: `${'a'.repeat(59)} bcd` }).id;
      expect(id).toBe(`custom:${'a'.repeat(59)}`);
      expect(modelOf({ name: 'x'.repeat(100) }).id).toBe(`custom:${'x'.repeat(60)}`);
    });

    it('gets -2, -3… when the slug is taken by a differently named model', () => {
      const existing: Record<string, CustomModel> = {
        'custom:my-llama': stored('custom:my-llama', 'My-Llama'),
      };
      expect(modelOf({ name: 'My Llama!' }, existing).id).toBe('custom:my-llama-2');
      existing['custom:my-llama-2'] = stored('custom:my-llama-2', 'My Llama!');
      expect(modelOf({ name: 'my_llama' }, existing).id).toBe('custom:my-llama-3');
    });

    it('stays within 60 characters with a suffix', () => {
      const slug = 'x'.repeat(60);
      const existing = { [`custom:${slug}`]: stored(`custom:${slug}`, 'other') };
      expect(modelOf({ name: 'x'.repeat(70) }, existing).id).toBe(`custom:${'x'.repeat(58)}-2`);
    });

    it('is kept when a model is edited, even under a new name', () => {
      const existing = { 'custom:my-llama': stored('custom:my-llama', 'My Llama') };
      expect(modelOf({ name: 'Renamed' }, existing, 'custom:my-llama').id).toBe('custom:my-llama');
    });
  });
});

describe('withConfigHints', () => {
  const model = modelOf({});

  it('fills in the context window the user left empty', () => {
    expect(withConfigHints(model, { contextWindow: 8192 }).contextWindow).toBe(8192);
  });

  it('keeps what the user typed', () => {
    expect(withConfigHints({ ...model, contextWindow: 2048 }, { contextWindow: 8192 })).toEqual({
      ...model,
      contextWindow: 2048,
    });
  });

  it('ignores a config value outside the form bounds', () => {
    expect(withConfigHints(model, { contextWindow: 128 })).toBe(model);
    expect(withConfigHints(model, { contextWindow: 1_000_000 })).toBe(model);
    expect(withConfigHints(model, {})).toBe(model);
  });
});

describe('fetchChatConfigHints', () => {
  const configUrl = 'https://models.example.com/my-llama/resolve/main/mlc-chat-config.json';
  const fakeFetch = (response: Response | Error) =>
    vi.fn<typeof fetch>(() =>
      response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
    );

  it('reads the hints from mlc-chat-config.json under the files base', async () => {
    const fetchImpl = fakeFetch(
      Response.json({
        context_window_size: 8192,
        vocab_size: 128256,
        model_type: 'llama',
        quantization: 'q4f16_1',
        other: true,
      }),
    );
    const signal = new AbortController().signal;
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl, signal),
    ).resolves.toEqual({
      ok: true,
      hints: {
        contextWindow: 8192,
        vocabSize: 128256,
        modelType: 'llama',
        quantization: 'q4f16_1',
      },
    });
    expect(fetchImpl).toHaveBeenCalledWith(configUrl, { signal });
  });

  it('reads from a /resolve/<branch>/ address as given', async () => {
    const fetchImpl = fakeFetch(Response.json({}));
    await fetchChatConfigHints('https://mirror.example.com/m/resolve/v2/', fetchImpl);
    expect(fetchImpl.mock.calls[0]![0]).toBe(
      'https://mirror.example.com/m/resolve/v2/mlc-chat-config.json',
    );
  });

  it('ignores fields of the wrong type', async () => {
    const fetchImpl = fakeFetch(
      Response.json({
        context_window_size: '8192',
        vocab_size: -1,
        model_type: 7,
        quantization: null,
      }),
    );
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl),
    ).resolves.toEqual({ ok: true, hints: {} });
  });

  it('ignores a sliding-window context size of -1 and fractional sizes', async () => {
    const fetchImpl = fakeFetch(Response.json({ context_window_size: -1, vocab_size: 1.5 }));
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl),
    ).resolves.toEqual({ ok: true, hints: {} });
  });

  it('reports the status the server answered with', async () => {
    const fetchImpl = fakeFetch(new Response('Not found', { status: 404 }));
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl),
    ).resolves.toEqual({ ok: false, error: `The server answered 404 for ${configUrl}.` });
  });

  it('explains a network or CORS failure', async () => {
    const fetchImpl = fakeFetch(new TypeError('Failed to fetch'));
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl),
    ).resolves.toEqual({
      ok: false,
      error: `Could not reach ${configUrl} (check the address and that the server allows this site: CORS).`,
    });
  });

  it('reports a file that is not JSON', async () => {
    const fetchImpl = fakeFetch(new Response('<html>login</html>', { status: 200 }));
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl),
    ).resolves.toEqual({ ok: false, error: `${configUrl} is not valid JSON.` });
  });

  it('reports JSON that is not an object', async () => {
    const fetchImpl = fakeFetch(Response.json([1, 2]));
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl),
    ).resolves.toEqual({
      ok: false,
      error: `${configUrl} is not a model configuration (a JSON object).`,
    });
  });

  it('reports an address it cannot resolve without fetching', async () => {
    const fetchImpl = fakeFetch(Response.json({}));
    await expect(fetchChatConfigHints('models/llama', fetchImpl)).resolves.toEqual({
      ok: false,
      error: 'models/llama is not a full http:// or https:// address.',
    });
    expect(fetchImpl).not.toHaveBeenCalled();
  });

  it('rejects when aborted, as fetch does', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetchImpl = vi.fn<typeof fetch>(() => Promise.reject(controller.signal.reason));
    await expect(
      fetchChatConfigHints('https://models.example.com/my-llama', fetchImpl, controller.signal),
    ).rejects.toBe(controller.signal.reason);
  });
});
