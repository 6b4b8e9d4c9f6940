/**
 * Makes the engines' backends inside the worker: WebLLM (on its own MLCEngine, or on the scripted
 * stand-in in the test build unless a test asks for the real WebLLM path with engine=webllm) and
 * llama.cpp (always the real one: it runs here on the CPU). The scripted engine's import sits
 * behind a compile-time constant, so the production bundle does not contain it
 * (e2e/bundle.spec.ts checks the built files); each engine's code loads when it is first needed.
 */
import type { Backend } from './backend';
import type { WebLLMHostBackend } from './host';
import type { EngineKind } from '../models/engineModel';
import type { MLCEngineLike } from './webllm/mlcEngine';

async function createMLCEngine(pageQuery: string): Promise<MLCEngineLike> {
  if (import.meta.env.MODE === 'e2e') {
    const params = new URLSearchParams(pageQuery);
    if (params.get('engine') !== 'webllm') {
      const { ScriptedEngine, parseScriptedOptions } =
        await import('./webllm/scripted/scriptedEngine');
      return new ScriptedEngine(parseScriptedOptions(params));
    }
  }
  return (await import('./webllm/webllmEngine')).createMLCEngine();
}

export async function createBackend(
  engine: 'webllm',
  pageQuery: string,
): Promise<WebLLMHostBackend>;
export async function createBackend(engine: EngineKind, pageQuery: string): Promise<Backend>;
export async function createBackend(engine: EngineKind, pageQuery: string): Promise<Backend> {
  if (engine === 'llamacpp') {
    const { WllamaBackend } = await import('./llamacpp/wllamaBackend');
    return new WllamaBackend(new URLSearchParams(pageQuery));
  }
  const [{ WebLLMBackend }, { appConfigFor }, cache, { importMlcFolder }, library, mlc] =
    await Promise.all([
      import('./webllm/webllmBackend'),
      import('./webllm/webllmCompat'),
      import('./webllm/modelCache'),
      import('./webllm/mlcFolderStore'),
      import('./webllm/modelLibrary'),
      createMLCEngine(pageQuery),
    ]);
  return new WebLLMBackend(mlc, {
    appConfigFor,
    inspectCache: cache.inspectModelCache,
    deleteCache: cache.deleteModelCache,
    cachedLibraryProblem: library.cachedLibraryProblem,
    importFolder: importMlcFolder,
  });
}
