/**
 * Per-chat settings: the system prompt and generation parameters, their defaults and their bounds.
 * Pure; every value read from storage, an import or a form is clamped into its bounds.
 */
import * as v from 'valibot';
import { isRecord } from '../lib/isRecord';
import { restoreAs } from './schemaReader';

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

/** A generation parameter clamped into its bounds; the default when it is not a number. */
function clampField(key: keyof GenerationSettings, value: unknown): number {
  const { min, max } = GENERATION_BOUNDS[key];
  // A form gives numbers or numeric text; anything else is not a setting.
  const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : NaN;
  if (!Number.isFinite(n)) return DEFAULT_GENERATION[key];
  const clamped = Math.min(max, Math.max(min, n));
  return key === 'maxTokens' ? Math.round(clamped) : clamped;
}

export function clampGeneration(value: unknown): GenerationSettings {
  const input = isRecord(value) ? value : {};
  return {
    temperature: clampField('temperature', input.temperature),
    topP: clampField('topP', input.topP),
    maxTokens: clampField('maxTokens', input.maxTokens),
    repetitionPenalty: clampField('repetitionPenalty', input.repetitionPenalty),
  };
}

/** A stored or imported generation parameter: a number, clamped into its bounds. */
function generationField(key: keyof GenerationSettings) {
  const fallback = DEFAULT_GENERATION[key];
  return v.optional(
    restoreAs(
      v.pipe(
        v.number('must be a number.'),
        v.transform((n) => clampField(key, n)),
      ),
      fallback,
    ),
    fallback,
  );
}

/** The settings of a chat as stored and exported; settings a newer version added are kept. */
export const ConversationSettingsSchema = v.object(
  {
    systemPrompt: v.optional(
      restoreAs(
        v.pipe(
          v.string('must be text.'),
          v.transform((text) => text.slice(0, MAX_SYSTEM_PROMPT_LENGTH)),
        ),
        DEFAULT_SETTINGS.systemPrompt,
      ),
      DEFAULT_SETTINGS.systemPrompt,
    ),
    generation: v.optional(
      restoreAs(
        v.object(
          {
            temperature: generationField('temperature'),
            topP: generationField('topP'),
            maxTokens: generationField('maxTokens'),
            repetitionPenalty: generationField('repetitionPenalty'),
          },
          'must be an object.',
        ),
        DEFAULT_GENERATION,
      ),
      DEFAULT_GENERATION,
    ),
    thinking: v.optional(
      restoreAs(v.boolean('must be true or false.'), DEFAULT_SETTINGS.thinking),
      DEFAULT_SETTINGS.thinking,
    ),
  },
  'must be an object.',
);
