// Loaded on first use (see Markdown.tsx): react-markdown with GFM and the safety plugins, and the
// extra plugins of the features a text needs (highlighting, math), each in a chunk of its own.
import { memo, type ReactNode } from 'react';
import ReactMarkdown, { type Options } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import { components } from './components';
import { remarkHtmlAsText } from './remarkHtmlAsText';
import { urlTransform } from './safeUrl';
import { splitBlocks } from './splitBlocks';

export interface RendererExtras {
  remarkPlugins?: Options['remarkPlugins'];
  rehypePlugins?: Options['rehypePlugins'];
  /** Rewrites the text before it is parsed (math delimiters). */
  prepare?: (text: string) => string;
}

/** A function from text to its rendered blocks (each a memoized element: see Markdown.tsx). */
export function createRenderer(extras: RendererExtras = {}): (text: string) => ReactNode {
  // Made once per renderer: new arrays on each render would defeat the memoized blocks.
  const remarkPlugins = [remarkGfm, remarkHtmlAsText, ...(extras.remarkPlugins ?? [])];
  const rehypePlugins = extras.rehypePlugins ?? [];
  const prepare = extras.prepare ?? ((text: string) => text);

  // Safety rests on what is left out as much as on the overrides: no rehype-raw, and raw HTML is
  // turned into text (remarkHtmlAsText), so nothing in the text becomes an element of its choosing.
  const Block = memo(function MarkdownBlock({ source }: { source: string }) {
    return (
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        components={components}
        urlTransform={urlTransform}
      >
        {source}
      </ReactMarkdown>
    );
  });

  return (text) =>
    splitBlocks(prepare(text)).map((source, index) => (
      // Blocks only ever grow at the end of a stream, so the index identifies a block.
      <Block key={index} source={source} />
    ));
}
