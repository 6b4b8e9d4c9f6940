// Syntax highlighting, loaded when a reply first has a fenced block with a language. rehype-highlight
// 7 only highlights fences with a language tag (detect defaults to false) and leaves unknown
// languages as plain text instead of throwing.
import rehypeHighlight from 'rehype-highlight';
import type { RendererExtras } from './renderer';

export const highlight: RendererExtras = { rehypePlugins: [rehypeHighlight] };
