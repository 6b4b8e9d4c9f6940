// TeX, loaded when a reply first has some: remark-math finds $…$ and $$…$$, rehype-katex typesets
// them with KaTeX, whose fonts are bundled with Nook (nothing loads from elsewhere). KaTeX's own
// HTML is the only markup this adds; `trust: false` keeps \href, \url and \includegraphics from
// making links or loading images, and errors show as red source text rather than throwing.
import 'katex/dist/katex.min.css';
import rehypeKatex from 'rehype-katex';
import remarkMath from 'remark-math';
import type { RendererExtras } from './renderer';

const CODE = /(```[\s\S]*?(?:```|$)|~~~[\s\S]*?(?:~~~|$)|`[^`\n]*`)/;

/**
 * LaTeX's \(…\) and \[…\] as remark-math's $…$ and $$…$$, outside code; in markdown \( and \[
 * are escapes, so they would otherwise lose their backslash.
 */
export function normalizeMathDelimiters(text: string): string {
  return text
    .split(CODE)
    .map((part, i) =>
      i % 2 === 1
        ? part
        : part
            .replace(/\\\[([\s\S]*?)\\\]/g, (_, tex: string) => `\n$$\n${tex.trim()}\n$$\n`)
            .replace(/\\\(([\s\S]*?)\\\)/g, (_, tex: string) => `$${tex.trim()}$`),
    )
    .join('');
}

export const math: RendererExtras = {
  remarkPlugins: [remarkMath],
  rehypePlugins: [[rehypeKatex, { trust: false, throwOnError: false, strict: 'ignore' }]],
  prepare: normalizeMathDelimiters,
};
