// Renders model output (untrusted) as markdown. The renderer (react-markdown and its plugins) and
// the features only some texts need (highlighting, KaTeX) load on first use, not with the app:
// until they are here the text shows as it is, and where a richer renderer is still loading, the
// one already here renders. The text is split into blocks that render separately, so while a reply
// streams only its last, growing block is parsed again.
import { useEffect, useReducer, type ReactNode } from 'react';
import { whenIdle } from '../../lib/whenIdle';
import './markdown.css';

interface Features {
  code: boolean;
  math: boolean;
}

type Renderer = (text: string) => ReactNode;

/** A fence with a language (only those are highlighted). */
const HIGHLIGHTED_FENCE = /^\s*(```|~~~)\s*[\w+#-]/m;
/** $$…$$, \[…\], \(…\), or $…$ around something that does not start or end with a space. */
const MATH = /\$\$|\\\[|\\\(|\$[^\s$](?:[^$\n]*[^\s$])?\$/;

export function featuresOf(text: string): Features {
  return { code: HIGHLIGHTED_FENCE.test(text), math: MATH.test(text) };
}

const keyOf = ({ code, math }: Features) => `${code ? 'code' : ''}+${math ? 'math' : ''}`;
const loading = new Map<string, Promise<Renderer>>();
const loaded = new Map<string, Renderer>();
const listeners = new Set<() => void>();

/** Loads the renderer for texts with these features (and tells every Markdown when it is ready). */
export function loadRenderer(features: Features = { code: false, math: false }): Promise<Renderer> {
  const key = keyOf(features);
  let renderer = loading.get(key);
  if (!renderer) {
    renderer = Promise.all([
      import('./renderer'),
      features.code ? import('./highlight') : undefined,
      features.math ? import('./math') : undefined,
    ]).then(([{ createRenderer }, code, math]) => {
      const made = createRenderer({
        remarkPlugins: [...(math?.math.remarkPlugins ?? [])],
        rehypePlugins: [
          ...(math?.math.rehypePlugins ?? []),
          ...(code?.highlight.rehypePlugins ?? []),
        ],
        ...(math && { prepare: math.math.prepare }),
      });
      loaded.set(key, made);
      listeners.forEach((listener) => listener());
      return made;
    });
    renderer.catch(() => loading.delete(key));
    loading.set(key, renderer);
  }
  return renderer;
}

/** The best renderer already here for these features: the exact one, else one with fewer. */
function bestLoaded(features: Features): Renderer | undefined {
  const candidates: Features[] = [
    features,
    { code: false, math: features.math },
    { code: features.code, math: false },
    { code: false, math: false },
  ];
  for (const f of candidates) {
    const renderer = loaded.get(keyOf(f));
    if (renderer) return renderer;
  }
  return undefined;
}

export interface MarkdownProps {
  text: string;
}

export function Markdown({ text }: MarkdownProps) {
  const features = featuresOf(text);
  const [, rerender] = useReducer((n: number) => n + 1, 0);
  const exact = loaded.get(keyOf(features));
  useEffect(() => {
    if (exact) return;
    listeners.add(rerender);
    void loadRenderer(features).catch(() => undefined);
    return () => void listeners.delete(rerender);
  });
  const render = exact ?? bestLoaded(features);
  return <div className="markdown">{render ? render(text) : <p className="plain">{text}</p>}</div>;
}

/** Fetches the plain renderer once the page is idle, so the first reply rarely waits for it. */
export function prefetchRenderer(): void {
  whenIdle(() => void loadRenderer().catch(() => undefined), 2000);
}
