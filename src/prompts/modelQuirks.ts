/**
 * What differs between model families, in one table, so no code elsewhere tests model names.
 */
export interface ModelQuirks {
  /** False when the chat template has no system role (Gemma): the system prompt is folded into the first user turn. */
  systemRole: boolean;
  /** toggle: thinking can be switched off (enable_thinking); always: the model always thinks first. */
  thinking: 'none' | 'toggle' | 'always';
}

const DEFAULT_QUIRKS: ModelQuirks = { systemRole: true, thinking: 'none' };

const TABLE: ReadonlyArray<readonly [RegExp, Partial<ModelQuirks>]> = [
  [/^gemma/i, { systemRole: false }],
  [/^Qwen3(\.5)?-/i, { thinking: 'toggle' }],
  [/^DeepSeek-R1|Reasoning/i, { thinking: 'always' }],
];

export function quirksFor(modelId: string | null | undefined): ModelQuirks {
  const match = modelId ? TABLE.find(([pattern]) => pattern.test(modelId)) : undefined;
  return { ...DEFAULT_QUIRKS, ...match?.[1] };
}
