// @vitest-environment jsdom
// Checks that streaming re-parses only the last block. Lives apart from Markdown.test.tsx because
// it wraps react-markdown in a spy for the whole file.
import { cleanup, render } from '@testing-library/react';
import ReactMarkdown from 'react-markdown';
import { afterEach, beforeAll, expect, it, vi } from 'vitest';
import { loadRenderer, Markdown } from './Markdown';

vi.mock('react-markdown', async (importOriginal) => {
  const actual = await importOriginal<typeof import('react-markdown')>();
  return { ...actual, default: vi.fn(actual.default) };
});

beforeAll(async () => {
  await loadRenderer();
});
afterEach(cleanup);

it('does not re-render earlier blocks when the text grows', () => {
  const parse = vi.mocked(ReactMarkdown);
  const { container, rerender } = render(<Markdown text={'a\n\nb'} />);
  const first = container.querySelector('.markdown > p')!;
  expect(first.className).not.toBe('plain');
  parse.mockClear();

  rerender(<Markdown text={'a\n\nbc'} />);

  expect(container.querySelector('.markdown > p')).toBe(first);
  expect(first.textContent).toBe('a');
  expect(container.textContent).toBe('abc');
  expect(parse.mock.calls.map(([props]) => props.children)).toEqual(['bc']);
});
