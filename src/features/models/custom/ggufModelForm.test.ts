import { describe, expect, it, vi } from 'vitest';
import { checkGgufFile, validateGgufModel, type GgufModelInput } from './ggufModelForm';

const valid: GgufModelInput = {
  name: 'Qwen small',
  source: 'url',
  file: '',
  url: 'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf',
  contextWindow: '',
};

const errorsOf = (input: Partial<GgufModelInput>) => {
  const result = validateGgufModel({ ...valid, ...input }, {});
  if (result.ok) throw new Error('expected validation to fail');
  return result.errors;
};

describe('validateGgufModel', () => {
  it('takes a .gguf file chosen on this computer instead of an address', () => {
    expect(
      validateGgufModel({ ...valid, source: 'file', url: '', file: 'my-model.Q4_K_M.gguf' }, {}),
    ).toEqual({
      ok: true,
      model: { id: 'gguf:qwen-small', name: 'Qwen small', fileName: 'my-model.Q4_K_M.gguf' },
    });
    expect(errorsOf({ source: 'file', file: '' })).toEqual({
      file: 'Choose the .gguf file on this computer.',
    });
    expect(errorsOf({ source: 'file', file: 'weights.safetensors' })).toEqual({
      file: 'weights.safetensors is not a .gguf file.',
    });
  });

  it('makes a model with an id from its name, and the file name from the address', () => {
    expect(validateGgufModel(valid, {})).toEqual({
      ok: true,
      model: {
        id: 'gguf:qwen-small',
        name: 'Qwen small',
        url: valid.url,
        fileName: 'qwen2.5-0.5b-instruct-q4_k_m.gguf',
      },
    });
  });

  it('turns a Hugging Face file page into the file’s own address', () => {
    const page = valid.url.replace('/resolve/', '/blob/');
    const result = validateGgufModel({ ...valid, url: page }, {});
    expect(result.ok && result.model.url).toBe(valid.url);
  });

  it('says what to fix in each field', () => {
    expect(errorsOf({ name: '' }).name).toBe('Enter a name for this model.');
    expect(errorsOf({ url: '' }).url).toBe('Enter the address of the GGUF file.');
    expect(errorsOf({ url: 'ftp://host/m.gguf' }).url).toMatch(/full http:\/\/ or https:\/\//);
    expect(errorsOf({ url: 'https://host/model.bin' }).url).toBe(
      'The address must lead to a .gguf file.',
    );
    expect(errorsOf({ contextWindow: '12' }).contextWindow).toMatch(/from 256 to 262144/);
  });

  it('refuses a name another added model has, of either engine, and numbers a taken id', () => {
    const existing = { 'custom:qwen-small': { id: 'custom:qwen-small', name: 'Qwen small' } };
    expect(validateGgufModel(valid, existing)).toMatchObject({
      ok: false,
      errors: { name: expect.stringContaining('already have a model called') },
    });
    const taken = { 'gguf:qwen-small': { id: 'gguf:qwen-small', name: 'Other' } };
    expect(validateGgufModel(valid, taken)).toMatchObject({ model: { id: 'gguf:qwen-small-2' } });
  });
});

describe('checkGgufFile', () => {
  const respond = (body: string, init: ResponseInit) =>
    vi.fn<typeof fetch>().mockResolvedValue(new Response(body, init));

  it('reads the first bytes by a Range request, and the size from Content-Range', async () => {
    const fetchImpl = respond('GGUF', {
      status: 206,
      headers: { 'content-range': 'bytes 0-3/491400032' },
    });
    expect(await checkGgufFile('https://h/m.gguf', fetchImpl)).toEqual({
      ok: true,
      bytes: 491400032,
    });
    expect(fetchImpl.mock.calls[0]?.[1]).toMatchObject({
      headers: { Range: 'bytes=0-3' },
      cache: 'no-store',
    });
  });

  it('says when the address gives no file, or something else', async () => {
    expect(await checkGgufFile('https://h/m.gguf', respond('', { status: 404 }))).toEqual({
      ok: false,
      error: 'The server answered 404 for https://h/m.gguf.',
    });
    expect(
      await checkGgufFile('https://h/m.gguf', respond('{"error":1}', { status: 200 })),
    ).toMatchObject({ ok: false, error: expect.stringContaining('is not a GGUF model file') });
    const unreachable = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('Failed to fetch'));
    expect(await checkGgufFile('https://h/m.gguf', unreachable)).toMatchObject({
      ok: false,
      error: expect.stringContaining('CORS'),
    });
  });
});
