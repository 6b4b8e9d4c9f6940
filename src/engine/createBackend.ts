/**
 * Picks the engine backend: WebLLM in the app, the scripted stand-in in the test build unless a test
 * asks for the real WebLLM path (engine=webllm). The scripted engine's import sits behind a
 * compile-time constant, so the production bundle does not contain it (e2e/bundle.spec.ts checks
 * the built files). Runs inside the worker only.
 */
import type { EngineBackend } from './backend';
import { createWebLLMBackend } from './webllm/webllmBackend';

export async function createBackend(pageQuery: string): Promise<EngineBackend> {
  if (import.meta.env.MODE === 'e2e') {
    const params = new URLSearchParams(pageQuery);
    if (params.get('engine') !== 'webllm') {
      const { ScriptedEngine, parseScriptedOptions } =
        await import('./webllm/scripted/scriptedEngine');
      return new ScriptedEngine(parseScriptedOptions(params));
    }
  }
  return createWebLLMBackend();
}
