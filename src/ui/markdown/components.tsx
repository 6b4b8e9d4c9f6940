// The element overrides that make untrusted markdown safe and readable: links that open only
// after the user has seen where they go and said yes, images that never load, code blocks with a
// copy button, and tables that scroll instead of widening the page.
import { createContext, useContext, type ComponentProps } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import { CodeBlock } from './CodeBlock';
import { ExternalLink } from './ExternalLink';

// react-markdown's hast types, without depending on @types/hast directly.
type HastElement = NonNullable<ExtraProps['node']>;
type HastChild = HastElement['children'][number];

// Every override picks the props it renders rather than spreading them, so nothing the content
// controls (and not react-markdown's `node` prop) reaches the DOM by accident.
export const components: Components = {
  a: SafeLink,
  img: ImageAsLink,
  pre: FencedCode,
  table: ScrollingTable,
};

/** Inside a link ([![alt](image)](link)), an image is its label: a link in a link is not one. */
const InsideLink = createContext(false);

// urlTransform has already removed any href that is not http(s). A link's title is left out: it
// is the text's to write, and could name a destination other than the real one.
function SafeLink({ href, title, children }: ComponentProps<'a'> & ExtraProps) {
  if (!href) return <span title={title}>{children}</span>;
  return (
    <InsideLink value={true}>
      <ExternalLink href={href} kind="link">
        {children}
      </ExternalLink>
    </InsideLink>
  );
}

// An <img> would fetch its URL as soon as it renders, and a model (or a prompt injection) can put
// chat content in that URL. Showing a link instead leaves the request to the user.
function ImageAsLink({ src, alt }: ComponentProps<'img'> & ExtraProps) {
  const label = alt ? `[Image: ${alt}]` : '[Image]';
  // urlTransform has already removed any src that is not http(s).
  if (useContext(InsideLink) || typeof src !== 'string' || !src) return <span>{label}</span>;
  return (
    <ExternalLink href={src} kind="image">
      Image: {alt || src}
    </ExternalLink>
  );
}

function FencedCode({ node, children }: ComponentProps<'pre'> & ExtraProps) {
  const code = node?.children.find(
    (child): child is HastElement => child.type === 'element' && child.tagName === 'code',
  );
  // react-markdown always passes `node`, and markdown only makes <pre> around a <code>.
  if (!code) return <pre>{children}</pre>;
  return (
    <CodeBlock language={fenceLanguage(code)} code={textOf(code).replace(/\n$/, '')}>
      {children}
    </CodeBlock>
  );
}

function ScrollingTable({ children }: ComponentProps<'table'> & ExtraProps) {
  return (
    <div className="table-scroll">
      <table>{children}</table>
    </div>
  );
}

// remark turns "```ts" into class "language-ts" on the <code>.
function fenceLanguage(code: HastElement): string | undefined {
  const classes = code.properties.className;
  if (!Array.isArray(classes)) return undefined;
  const tag = classes.map(String).find((name) => name.startsWith('language-'));
  return tag?.slice('language-'.length);
}

// Highlighting splits the code into many <span>s; the clipboard wants the text back.
function textOf(node: HastChild): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}
