/**
 * A value as the model wrote it, read as its field's type: what the table shows, how it sorts,
 * or, when it cannot be read as that type, a sentence for the cell (nothing is thrown, and the
 * value as written is kept). Pure.
 */
import type { FieldType } from './fields';

/** What the model may write for a value (the schema allows no other JSON). */
export type RawValue = string | number | boolean | string[] | null;

export type Reading =
  | { kind: 'empty' }
  | { kind: 'value'; text: string; sortKey: number | string }
  | { kind: 'problem'; problem: string };

const EMPTY: Reading = { kind: 'empty' };

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number) => String(n).padStart(2, '0');

function validDate(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1) return null;
  if (date.getUTCDate() !== day) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const monthOf = (word: string) => MONTHS.indexOf(word.slice(0, 3).toLowerCase()) + 1;

/**
 * A date as year-month-day, from the ways documents write one: 2024-03-12, 12.03.2024,
 * 12 March 2024, March 12, 2024. Slashes (03/04/2024) are read only when the day cannot be
 * mistaken for the month.
 */
export function parseDate(text: string): string | null | 'ambiguous' {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})/.exec(t);
  if (m) return validDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4})$/.exec(t);
  if (m) return validDate(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(t);
  if (m) {
    const [a, b, year] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (a > 12) return validDate(year, b, a);
    if (b > 12) return validDate(year, a, b);
    return a === b ? validDate(year, a, b) : 'ambiguous';
  }
  m = /^(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-z]{3,})\.?,?\s+(\d{4})$/.exec(t);
  if (m && monthOf(m[2] ?? '') > 0) {
    return validDate(Number(m[3]), monthOf(m[2] ?? ''), Number(m[1]));
  }
  m = /^([A-Za-z]{3,})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/.exec(t);
  if (m && monthOf(m[1] ?? '') > 0) {
    return validDate(Number(m[3]), monthOf(m[1] ?? ''), Number(m[2]));
  }
  return null;
}

/**
 * A number as documents write it: 1,204.50 or 1.204,50 or 1 204,50. The separator followed by
 * exactly one or two digits at the end is the decimal one.
 */
export function parseAmount(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f']/g, '');
  if (!/^-?[\d.,]+$/.test(t) || !/\d/.test(t)) return null;
  const decimal = /[.,](\d{1,2})$/.exec(t);
  const whole = decimal ? t.slice(0, decimal.index) : t;
  if (!/^-?\d{1,3}([.,]?\d{3})*$/.test(whole) && !/^-?\d+$/.test(whole)) return null;
  const n = Number(`${whole.replace(/[.,]/g, '')}${decimal ? `.${decimal[1]}` : ''}`);
  return Number.isFinite(n) ? n : null;
}

const CURRENCY_SYMBOLS: Record<string, string> = { '€': 'EUR', $: 'USD', '£': 'GBP', '¥': 'JPY' };

/** An amount of money and its currency (a code, or the code of a symbol), as documents write it. */
export function parseMoney(text: string): { amount: number; currency: string | null } | null {
  let rest = text.trim();
  let currency: string | null = null;
  const code = /(^[A-Z]{3}\b|\b[A-Z]{3}$)/.exec(rest);
  if (code?.[1]) {
    currency = code[1];
    rest = rest.replace(code[1], '');
  }
  const symbol = /[€$£¥]/.exec(rest);
  if (symbol) {
    currency ??= CURRENCY_SYMBOLS[symbol[0]] ?? null;
    rest = rest.replace(symbol[0], '');
  }
  const amount = parseAmount(rest);
  return amount === null ? null : { amount, currency };
}

const quote = (value: RawValue) => `“${Array.isArray(value) ? value.join(', ') : String(value)}”`;

const money = (amount: number, currency: string | null) =>
  `${amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}${currency ? ` ${currency}` : ''}`;

/** The value as its type, for the table; a sentence when it cannot be read so. */
export function readValue(type: FieldType, value: RawValue): Reading {
  if (value === null || (typeof value === 'string' && !value.trim())) return EMPTY;
  if (Array.isArray(value) && value.length === 0) return EMPTY;
  switch (type) {
    case 'text': {
      const text = Array.isArray(value) ? value.join(', ') : String(value).trim();
      return { kind: 'value', text, sortKey: text.toLowerCase() };
    }
    case 'number': {
      const n =
        typeof value === 'number' ? value : typeof value === 'string' ? parseAmount(value) : null;
      return n === null
        ? { kind: 'problem', problem: `${quote(value)} is not a number.` }
        : { kind: 'value', text: n.toLocaleString('en-US'), sortKey: n };
    }
    case 'date': {
      const date = typeof value === 'string' ? parseDate(value) : null;
      if (date === 'ambiguous') {
        return {
          kind: 'problem',
          problem: `${quote(value)} could be either day first or month first.`,
        };
      }
      return date === null
        ? { kind: 'problem', problem: `${quote(value)} is not a date Nook can read.` }
        : { kind: 'value', text: date, sortKey: date };
    }
    case 'money': {
      const read =
        typeof value === 'number'
          ? { amount: value, currency: null }
          : typeof value === 'string'
            ? parseMoney(value)
            : null;
      return read === null
        ? { kind: 'problem', problem: `${quote(value)} is not an amount of money.` }
        : { kind: 'value', text: money(read.amount, read.currency), sortKey: read.amount };
    }
    case 'yes-no': {
      const yes =
        typeof value === 'boolean'
          ? value
          : typeof value === 'string' && /^(yes|true|y)$/i.test(value.trim())
            ? true
            : typeof value === 'string' && /^(no|false|n)$/i.test(value.trim())
              ? false
              : null;
      return yes === null
        ? { kind: 'problem', problem: `${quote(value)} is not a yes or a no.` }
        : { kind: 'value', text: yes ? 'Yes' : 'No', sortKey: yes ? 1 : 0 };
    }
    case 'list': {
      const items = Array.isArray(value)
        ? value.map((v) => v.trim()).filter(Boolean)
        : String(value)
            .split(/\s*[;,]\s*/)
            .filter(Boolean);
      const text = items.join('; ');
      return { kind: 'value', text, sortKey: text.toLowerCase() };
    }
  }
}
