import { useState } from 'react';
import { SYSTEM_PROMPT_PRESETS } from '../../prompts/chat';
import { quirksFor } from '../../prompts/modelQuirks';
import { updateSettings } from '../../store/actions/settings';
import { commitChats, useChatStore } from '../../store/chatStore';
import {
  DEFAULT_GENERATION,
  GENERATION_BOUNDS,
  MAX_SYSTEM_PROMPT_LENGTH,
  type GenerationSettings,
} from '../../store/settings';
import type { Conversation } from '../../store/schema';
import { Dialog } from '../../ui/Dialog';
import { DocumentLanguage } from '../documents/DocumentLanguage';
import '../../ui/forms.css';
import './settings.css';

const FIELDS = Object.keys(GENERATION_BOUNDS) as (keyof GenerationSettings)[];

/** The open chat's system prompt and generation settings. */
export function ChatSettingsDialog({
  conversation,
  open,
  onClose,
}: {
  conversation: Conversation;
  open: boolean;
  onClose: () => void;
}) {
  return (
    <Dialog
      title="Chat settings"
      open={open}
      onClose={() => {
        // Changes are saved as they are made, after a short pause; closing saves them at once.
        void commitChats();
        onClose();
      }}
    >
      <SettingsForm key={conversation.id} conversation={conversation} />
    </Dialog>
  );
}

function SettingsForm({ conversation }: { conversation: Conversation }) {
  const modelId = useChatStore((s) => s.selectedModelId);
  const { settings, id } = conversation;
  // Number fields keep what the user types until it is a valid number; the store keeps clamped values.
  const [drafts, setDrafts] = useState<Partial<Record<keyof GenerationSettings, string>>>({});
  const thinking = quirksFor(modelId).thinking;

  return (
    <form className="settings-form" onSubmit={(e) => e.preventDefault()}>
      <label htmlFor="system-prompt">System prompt</label>
      <textarea
        id="system-prompt"
        rows={5}
        maxLength={MAX_SYSTEM_PROMPT_LENGTH}
        value={settings.systemPrompt}
        placeholder="How should the assistant behave in this chat?"
        onChange={(e) => updateSettings(id, { systemPrompt: e.target.value })}
      />
      <div className="presets" role="group" aria-label="System prompt presets">
        {SYSTEM_PROMPT_PRESETS.map((preset) => (
          <button
            key={preset.name}
            type="button"
            aria-pressed={settings.systemPrompt === preset.prompt}
            onClick={() => updateSettings(id, { systemPrompt: preset.prompt })}
          >
            {preset.name}
          </button>
        ))}
        <button type="button" onClick={() => updateSettings(id, { systemPrompt: '' })}>
          None
        </button>
      </div>

      <fieldset>
        <legend>Generation</legend>
        {FIELDS.map((field) => {
          const bound = GENERATION_BOUNDS[field];
          const value = drafts[field] ?? String(settings.generation[field]);
          const number = Number(value);
          const invalid =
            value.trim() === '' ||
            !Number.isFinite(number) ||
            number < bound.min ||
            number > bound.max;
          return (
            <div key={field} className="field">
              <label htmlFor={`gen-${field}`}>{bound.label}</label>
              <input
                id={`gen-${field}`}
                type="number"
                inputMode="decimal"
                min={bound.min}
                max={bound.max}
                step={bound.step}
                value={value}
                aria-invalid={invalid || undefined}
                aria-describedby={`gen-${field}-hint`}
                onChange={(e) => {
                  const text = e.target.value;
                  setDrafts((d) => ({ ...d, [field]: text }));
                  const n = Number(text);
                  if (
                    text.trim() !== '' &&
                    Number.isFinite(n) &&
                    n >= bound.min &&
                    n <= bound.max
                  ) {
                    updateSettings(id, { generation: { ...settings.generation, [field]: n } });
                  }
                }}
              />
              <small id={`gen-${field}-hint`} className={invalid ? 'hint error' : 'hint'}>
                {bound.min} to {bound.max} (default {DEFAULT_GENERATION[field]})
              </small>
            </div>
          );
        })}
        <button
          type="button"
          onClick={() => {
            setDrafts({});
            updateSettings(id, { generation: DEFAULT_GENERATION });
          }}
        >
          Reset to defaults
        </button>
      </fieldset>

      {thinking === 'toggle' && (
        <label className="checkbox">
          <input
            type="checkbox"
            checked={settings.thinking}
            onChange={(e) => updateSettings(id, { thinking: e.target.checked })}
          />
          Let the model think before answering (slower, often better)
        </label>
      )}
      {thinking === 'always' && <p className="muted">This model always thinks before answering.</p>}
      <DocumentLanguage />
      <p className="muted">
        Changes apply from the next reply. Changing the system prompt makes the model re-read the
        whole chat once.
      </p>
    </form>
  );
}
