/**
 * The field lists a table can start from: invoice, receipt, contract, CV, research paper and a
 * bank statement's transactions (a row per transaction).
 * The user's own edits are saved as templates of their own (store/templateStore.ts); these stay
 * as they are. Pure.
 */
import type { Field, RowsPer } from './fields';

export interface Template {
  name: string;
  fields: Field[];
  /** Absent in templates saved before rows per item existed: one row per document. */
  rowsPer?: RowsPer;
}

export const BUILT_IN_TEMPLATES: readonly Template[] = [
  {
    name: 'Invoice',
    fields: [
      { name: 'Invoice number', type: 'text' },
      { name: 'Vendor', type: 'text' },
      { name: 'Invoice date', type: 'date' },
      { name: 'Due date', type: 'date' },
      { name: 'Total', type: 'money' },
      { name: 'Paid', type: 'yes-no' },
    ],
  },
  {
    name: 'Receipt',
    fields: [
      { name: 'Merchant', type: 'text' },
      { name: 'Date', type: 'date' },
      { name: 'Total', type: 'money' },
      { name: 'Payment method', type: 'text' },
    ],
  },
  {
    name: 'Contract',
    fields: [
      { name: 'Parties', type: 'list' },
      { name: 'Start date', type: 'date' },
      { name: 'End date', type: 'date' },
      { name: 'Value', type: 'money' },
      { name: 'Notice period', type: 'text' },
      { name: 'Renews automatically', type: 'yes-no' },
    ],
  },
  {
    name: 'CV',
    fields: [
      { name: 'Name', type: 'text' },
      { name: 'Current role', type: 'text' },
      { name: 'Years of experience', type: 'number' },
      { name: 'Skills', type: 'list' },
      { name: 'Education', type: 'text' },
    ],
  },
  {
    name: 'Research paper',
    fields: [
      { name: 'Title', type: 'text' },
      { name: 'Authors', type: 'list' },
      { name: 'Year', type: 'number' },
      { name: 'Method', type: 'text' },
      { name: 'Main finding', type: 'text' },
    ],
  },
  {
    name: 'Bank statement: transactions',
    rowsPer: 'item',
    fields: [
      { name: 'Date', type: 'date' },
      { name: 'Description', type: 'text' },
      { name: 'Amount', type: 'money' },
    ],
  },
];
