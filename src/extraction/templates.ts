/**
 * The field lists a table can start from: invoice, receipt, contract, CV and research paper.
 * The user's own edits are saved as templates of their own (store/templateStore.ts); these stay
 * as they are. Pure.
 */
import type { Field } from './fields';

export interface Template {
  name: string;
  fields: Field[];
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
];
