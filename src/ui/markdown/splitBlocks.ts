// Splits markdown into top-level blocks so a streaming reply can re-parse only its last block.
// Not splitting is always safe (the block just re-parses more), so every rule here errs on the
// side of keeping text together: the only promise is that blocks.join('\n\n') parses the same.

// Any indentation is accepted because fences nested in list items are indented past the
// three spaces CommonMark allows at top level, and splitting inside them breaks the code.
const FENCE_OPEN = /^\s*(`{3,}|~{3,})/;
// A display-math block ($$ on a line of its own) may hold blank lines too.
const MATH_FENCE = /^\s*\$\$\s*$/;

export function splitBlocks(text: string): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let blankRun = 0;
  // The opening marker (e.g. "````") while inside a fenced code block; blank lines there are code.
  let fence: string | null = null;

  for (const line of text.split('\n')) {
    if (fence !== null) {
      current.push(line);
      if (closesFence(line, fence)) fence = null;
      continue;
    }
    if (line.trim() === '') {
      blankRun++;
      continue;
    }
    // An indented line after a blank line continues the block above (a list item's next
    // paragraph or an indented code block), so it must stay with it.
    const continues = current.length > 0 && (blankRun === 0 || /^\s/.test(line));
    if (continues) {
      for (; blankRun > 0; blankRun--) current.push('');
    } else if (current.length > 0) {
      blocks.push(current.join('\n'));
      current = [];
    }
    blankRun = 0;
    current.push(line);
    fence = openedFence(line);
  }
  // An unclosed fence simply stays in the last block: that is the still-streaming code.
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks;
}

function openedFence(line: string): string | null {
  if (MATH_FENCE.test(line)) return '$$';
  const match = FENCE_OPEN.exec(line);
  if (!match) return null;
  const marker = match[1] ?? '';
  // A backtick "fence" whose info string holds a backtick is inline code, e.g. ```a``` text.
  if (marker.startsWith('`') && line.slice(match[0].length).includes('`')) return null;
  return marker;
}

function closesFence(line: string, marker: string): boolean {
  const trimmed = line.trim();
  return trimmed.length >= marker.length && trimmed === (marker[0] ?? '').repeat(trimmed.length);
}
