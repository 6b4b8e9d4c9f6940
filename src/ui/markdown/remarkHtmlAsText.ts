// A remark plugin that turns raw HTML in the markdown into plain text before it can become
// anything else. react-markdown 10 already renders raw HTML as text, but doing it here means a
// rehype plugin added later (rehype-raw, say) has no HTML left to turn into live elements, and
// block-level HTML gets a paragraph of its own instead of running into its neighbours.

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

// Parents whose children are blocks; HTML anywhere else is inline (inside a paragraph, a cell…).
const FLOW_PARENTS = new Set(['root', 'blockquote', 'listItem', 'footnoteDefinition']);

export function remarkHtmlAsText() {
  return (tree: MdNode) => {
    convert(tree);
  };
}

function convert(parent: MdNode): void {
  const children = parent.children;
  if (!children) return;
  children.forEach((child, index) => {
    if (child.type !== 'html') {
      convert(child);
      return;
    }
    const text: MdNode = { type: 'text', value: child.value ?? '' };
    children[index] = FLOW_PARENTS.has(parent.type)
      ? { type: 'paragraph', children: [text] }
      : text;
  });
}
