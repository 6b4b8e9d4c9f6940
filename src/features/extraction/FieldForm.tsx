import { useId, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import {
  FIELD_TYPE_LABELS,
  FIELD_TYPES,
  fieldListProblem,
  MAX_FIELDS,
  ROWS_PER,
  ROWS_PER_LABELS,
  type Field,
  type RowsPer,
} from '../../extraction/fields';
import { BUILT_IN_TEMPLATES } from '../../extraction/templates';
import { deleteTemplate, extractTable, saveTemplate } from '../../store/actions/extractTable';
import { useDocumentStore } from '../../store/documentStore';
import { notify } from '../../store/runtimeStore';
import { RadioGroup } from '../../ui/RadioGroup';

const EMPTY_FIELD: Field = { name: '', type: 'text' };

/**
 * The fields of a new table: a name and a type per row, started from a template or from
 * scratch; the list can be saved as a template of the user's own. What keeps the list from
 * making a table is said in a sentence, and nothing typed is lost.
 */
export function FieldForm({ conversationId, onDone }: { conversationId: string; onDone(): void }) {
  const id = useId();
  const saved = useDocumentStore(useShallow((s) => s.tableTemplates));
  const templates = [...BUILT_IN_TEMPLATES, ...saved];
  const [fields, setFields] = useState<Field[]>(BUILT_IN_TEMPLATES[0]?.fields ?? [EMPTY_FIELD]);
  const [rowsPer, setRowsPer] = useState<RowsPer>(BUILT_IN_TEMPLATES[0]?.rowsPer ?? 'document');
  const [template, setTemplate] = useState(BUILT_IN_TEMPLATES[0]?.name ?? '');
  const [templateName, setTemplateName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const ownTemplate = saved.some((t) => t.name === template);

  const change = (index: number, patch: Partial<Field>) =>
    setFields((list) => list.map((f, i) => (i === index ? { ...f, ...patch } : f)));

  return (
    <form
      className="field-form"
      aria-label="Fields of the table"
      onSubmit={(e) => {
        e.preventDefault();
        const sentence = fieldListProblem(fields);
        if (sentence) return setProblem(sentence);
        // The table fills in the chat, where its progress and Cancel are.
        onDone();
        void extractTable(conversationId, fields, rowsPer).then(
          (later) => later && notify('error', later),
        );
      }}
    >
      <div className="template-row">
        <label htmlFor={`${id}-template`}>Start from</label>
        <select
          id={`${id}-template`}
          value={template}
          onChange={(e) => {
            const chosen = templates.find((t) => t.name === e.target.value);
            setTemplate(e.target.value);
            if (chosen) {
              setFields(chosen.fields);
              setRowsPer(chosen.rowsPer ?? 'document');
            }
            setProblem(null);
          }}
        >
          {templates.map((t) => (
            <option key={t.name} value={t.name}>
              {t.name}
            </option>
          ))}
        </select>
        {ownTemplate && (
          <button
            type="button"
            onClick={() => {
              deleteTemplate(template);
              setNote(`Template “${template}” deleted.`);
            }}
          >
            Delete template
          </button>
        )}
      </div>
      <RadioGroup
        className="rows-per"
        legend="Rows"
        options={ROWS_PER.map((choice) => ({ value: choice, label: ROWS_PER_LABELS[choice] }))}
        value={rowsPer}
        onChange={setRowsPer}
      />
      <ol className="field-rows">
        {fields.map((field, index) => (
          <li key={index} className="field-row">
            <input
              aria-label={`Field ${index + 1} name`}
              value={field.name}
              maxLength={80}
              placeholder="e.g. Total"
              onChange={(e) => {
                change(index, { name: e.target.value });
                setProblem(null);
              }}
            />
            <select
              aria-label={`Field ${index + 1} type`}
              value={field.type}
              onChange={(e) => change(index, { type: e.target.value as Field['type'] })}
            >
              {FIELD_TYPES.map((type) => (
                <option key={type} value={type}>
                  {FIELD_TYPE_LABELS[type]}
                </option>
              ))}
            </select>
            <button
              type="button"
              aria-label={`Remove field ${index + 1}`}
              onClick={() => setFields((list) => list.filter((_, i) => i !== index))}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        disabled={fields.length >= MAX_FIELDS}
        onClick={() => setFields((list) => [...list, EMPTY_FIELD])}
      >
        Add field
      </button>
      <div className="template-row">
        <label htmlFor={`${id}-save-name`}>Save these fields as</label>
        <input
          id={`${id}-save-name`}
          value={templateName}
          maxLength={60}
          placeholder="Template name"
          onChange={(e) => setTemplateName(e.target.value)}
        />
        <button
          type="button"
          onClick={() => {
            const sentence = saveTemplate(templateName, fields, rowsPer);
            setProblem(sentence);
            if (!sentence) {
              setTemplate(templateName.trim());
              setNote(`Saved as template “${templateName.trim()}”.`);
            }
          }}
        >
          Save template
        </button>
      </div>
      {problem && (
        <p className="field-problem" role="alert">
          {problem}
        </p>
      )}
      <p className="muted" role="status">
        {note}
      </p>
      <div className="field-form-actions">
        <button type="submit" className="primary">
          Extract
        </button>
      </div>
    </form>
  );
}
