// Renders model output (untrusted) as markdown. The text is split into blocks that render
// separately, so while a reply streams only its last, growing block is parsed again.
import { memo } from 'react';
import ReactMarkdown from 'react-markdown';
import rehypeHighlight from 'rehype-highlight';
import remarkGfm from 'remark-gfm';
import { components } from './components';
import { remarkHtmlAsText } from './remarkHtmlAsText';
import { urlTransform } from './safeUrl';
import { splitBlocks } from './splitBlocks';
import './markdown.css';

// Module constants: new arrays or objects on each render would defeat the memoized blocks.
const REMARK_PLUGINS = [remarkGfm, remarkHtmlAsText];
// rehype-highlight 7 only highlights fences with a language tag (detect defaults to false) and
// leaves unknown languages as plain text instead of throwing.
const REHYPE_PLUGINS = [rehypeHighlight];

export interface MarkdownProps {
  text: string;
}

export function Markdown({ text }: MarkdownProps) {
  return (
    <div className="markdown">
      {splitBlocks(text).map((source, index) => (
        // Blocks only ever grow at the end of a stream, so the index identifies a block.
        <MarkdownBlock key={index} source={source} />
      ))}
    </div>
  );
}

// Safety rests on what is left out as much as on the overrides: no rehype-raw, and raw HTML is
// turned into text (remarkHtmlAsText), so nothing in the text becomes an element of its choosing.
const MarkdownBlock = memo(function MarkdownBlock({ source }: { source: string }) {
  return (
    <ReactMarkdown
      remarkPlugins={REMARK_PLUGINS}
      rehypePlugins={REHYPE_PLUGINS}
      components={components}
      urlTransform={urlTransform}
    >
      {source}
    </ReactMarkdown>
  );
});
