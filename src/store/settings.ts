/**
 * Per-chat settings: the system prompt and generation parameters, their defaults and their bounds.
 * Pure; every value read from storage, an import or a form goes through `clampGeneration`.
 */
import { isRecord } from '../lib/isRecord';
import { restored } from './preserve';

export interface GenerationSettings {
  temperature: number;
  topP: number;
  maxTokens: number;
  repetitionPenalty: number;
}

export interface ConversationSettings {
  systemPrompt: string;
  generation: GenerationSettings;
  /** For models that can think before answering (Qwen3 and the like). */
  thinking: boolean;
}

interface Bound {
  min: number;
  max: number;
  step: number;
  label: string;
}

export const GENERATION_BOUNDS: Record<keyof GenerationSettings, Bound> = {
  temperature: { min: 0, max: 2, step: 0.05, label: 'Temperature' },
  topP: { min: 0.05, max: 1, step: 0.05, label: 'Top-p' },
  maxTokens: { min: 16, max: 8192, step: 16, label: 'Max tokens' },
  repetitionPenalty: { min: 1, max: 2, step: 0.01, label: 'Repetition penalty' },
};

export const DEFAULT_GENERATION: GenerationSettings = {
  temperature: 0.7,
  topP: 0.95,
  maxTokens: 1024,
  repetitionPenalty: 1.0,
};

export const MAX_SYSTEM_PROMPT_LENGTH = 8000;

export const DEFAULT_SETTINGS: ConversationSettings = {
  systemPrompt: '',
  generation: DEFAULT_GENERATION,
  thinking: true,
};

function clamp(value: unknown, bound: Bound, fallback: number): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) return fallback;
  return Math.min(bound.max, Math.max(bound.min, n));
}

export function clampGeneration(value: unknown): GenerationSettings {
  const v = isRecord(value) ? value : {};
  const b = GENERATION_BOUNDS;
  return {
    temperature: clamp(v.temperature, b.temperature, DEFAULT_GENERATION.temperature),
    topP: clamp(v.topP, b.topP, DEFAULT_GENERATION.topP),
    maxTokens: Math.round(clamp(v.maxTokens, b.maxTokens, DEFAULT_GENERATION.maxTokens)),
    repetitionPenalty: clamp(
      v.repetitionPenalty,
      b.repetitionPenalty,
      DEFAULT_GENERATION.repetitionPenalty,
    ),
  };
}

const GENERATION_FIELDS: Record<keyof GenerationSettings, true> = {
  temperature: true,
  topP: true,
  maxTokens: true,
  repetitionPenalty: true,
};
const SETTINGS_FIELDS: Record<keyof ConversationSettings, true> = {
  systemPrompt: true,
  generation: true,
  thinking: true,
};

/** Stored or imported settings, validated; settings a newer version added are kept. */
export function restoreSettings(value: unknown): ConversationSettings {
  const v = isRecord(value) ? value : {};
  const generation = isRecord(v.generation) ? v.generation : {};
  return restored(
    v,
    {
      systemPrompt:
        typeof v.systemPrompt === 'string'
          ? v.systemPrompt.slice(0, MAX_SYSTEM_PROMPT_LENGTH)
          : DEFAULT_SETTINGS.systemPrompt,
      generation: restored(generation, clampGeneration(generation), GENERATION_FIELDS),
      thinking: typeof v.thinking === 'boolean' ? v.thinking : DEFAULT_SETTINGS.thinking,
    },
    SETTINGS_FIELDS,
  );
}
