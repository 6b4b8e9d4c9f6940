/**
 * The prompts for documents: summarizing parts, combining summaries, and answering questions from
 * retrieved excerpts. Kept with the other prompts, never inline in stores or views.
 */
import type { ChatMessage } from '../engine/protocol';

export type SummaryStyle = 'short' | 'key-points' | 'detailed';

export const SUMMARY_STYLES: Record<SummaryStyle, { label: string; instruction: string }> = {
  short: {
    label: 'Short (TL;DR)',
    instruction: 'Write a TL;DR of two to four sentences.',
  },
  'key-points': {
    label: 'Key points',
    instruction: 'Write the key points as a bulleted list, one fact or claim per bullet.',
  },
  detailed: {
    label: 'Detailed (by section)',
    instruction:
      'Write a detailed summary organised by the sections of the document, each with a short heading.',
  },
};

const FAITHFUL =
  'Be faithful to the text: keep names, numbers and dates exact, and never add facts that are not in it.';

function focus(instruction: string): string {
  return instruction.trim() ? ` Focus on: ${instruction.trim()}.` : '';
}

function pagesLabel([first, last]: [number, number], paged: boolean): string {
  if (!paged) return 'an excerpt';
  return first === last ? `page ${first}` : `pages ${first}–${last}`;
}

/** Map step: one part of the document. */
export function summarizePartPrompt(
  name: string,
  text: string,
  pages: [number, number],
  paged: boolean,
  instruction: string,
): ChatMessage[] {
  return [
    {
      role: 'system',
      content: `You summarize part of a longer document. ${FAITHFUL}${focus(instruction)}`,
    },
    {
      role: 'user',
      content: `This is ${pagesLabel(pages, paged)} of “${name}”:\n\n${text}\n\nSummarize this part in a few sentences, mentioning where (pages or sections) the main points are.`,
    },
  ];
}

/** Reduce step: summaries of consecutive parts, combined into one. */
export function combineSummariesPrompt(
  name: string,
  summaries: string[],
  final: boolean,
  style: SummaryStyle,
  instruction: string,
): ChatMessage[] {
  const task = final
    ? SUMMARY_STYLES[style].instruction
    : 'Combine them into one summary of a few paragraphs, keeping every important point.';
  return [
    {
      role: 'system',
      content: `You combine summaries of the parts of a document. ${FAITHFUL}${focus(instruction)}`,
    },
    {
      role: 'user',
      content: `Summaries of consecutive parts of “${name}”, in order:\n\n${summaries
        .map((s, i) => `Part ${i + 1}:\n${s}`)
        .join('\n\n')}\n\n${task}`,
    },
  ];
}

/** A document short enough to be summarized in one go. */
export function summarizeWholePrompt(
  name: string,
  text: string,
  style: SummaryStyle,
  instruction: string,
): ChatMessage[] {
  return [
    { role: 'system', content: `You summarize documents. ${FAITHFUL}${focus(instruction)}` },
    {
      role: 'user',
      content: `The document “${name}”:\n\n${text}\n\n${SUMMARY_STYLES[style].instruction}`,
    },
  ];
}

export interface Excerpt {
  documentName: string;
  pages: [number, number];
  paged: boolean;
  text: string;
}

export const NOT_IN_DOCUMENT = 'The document does not say.';

/** The newest question, with the excerpts retrieval found, replacing the user's plain message. */
export function questionWithExcerpts(question: string, excerpts: Excerpt[]): string {
  if (excerpts.length === 0) {
    return `${question}\n\n(No passage of the attached document matched this question. If it cannot be answered without the document, reply exactly: "${NOT_IN_DOCUMENT}")`;
  }
  const quoted = excerpts
    .map((e) => `[${e.documentName}, ${pagesLabel(e.pages, e.paged)}]\n${e.text}`)
    .join('\n\n');
  return `Answer from these excerpts of the attached document. Cite the pages you used like (p. 4). If the excerpts do not contain the answer, reply exactly: "${NOT_IN_DOCUMENT}"\n\n${quoted}\n\nQuestion: ${question}`;
}
